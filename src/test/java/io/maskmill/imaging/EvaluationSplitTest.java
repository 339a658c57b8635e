package io.maskmill.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class EvaluationSplitTest {
    @Test
    void tuneAndReportPartitionCocoMiniByImageId() {
        CocoDataset coco = CocoDataset.read(SharedData.require(SharedData.COCO_INSTANCES));
        Set<Long> tune = new HashSet<>(), report = new HashSet<>();
        EvaluationSplit.TUNE.images(coco).forEach(i -> tune.add(i.id()));
        EvaluationSplit.REPORT.images(coco).forEach(i -> report.add(i.id()));
        assertEquals(44, tune.size());
        assertEquals(36, report.size());
        assertTrue(tune.stream().allMatch(id -> id % 2 == 0) && report.stream().allMatch(id -> id % 2 == 1));
        assertEquals(80, EvaluationSplit.ALL.images(coco).size());
    }

    @Test
    void argsTakeAnyCocoSetAndPrintTheCommandThatReproducesTheRun() {
        EvaluationSplit.Args a = EvaluationSplit.Args.parse("x.Tool", new String[]{"--images",
                SharedData.COCO_IMAGES.toString(), "--annotations", SharedData.COCO_INSTANCES.toString(), "--split", "odd",
                "--seed", "7"}, Map.of("seed", "42"));
        assertEquals(EvaluationSplit.REPORT, a.split());
        assertEquals(7, a.number("seed"));
        assertEquals("./mvnw -q compile exec:java -Dexec.mainClass=x.Tool -Dexec.args=\"--images " + SharedData.COCO_IMAGES
                + " --annotations " + SharedData.COCO_INSTANCES + " --seed 7 --split odd\"", a.command());
        EvaluationSplit.Args d = EvaluationSplit.Args.parse("x.Tool", new String[0], Map.of("seed", "42"));
        assertEquals(EvaluationSplit.REPORT, d.split());
        assertEquals("42", d.get("seed"));
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> EvaluationSplit.Args.parse("x.Tool", new String[]{"--sed", "1"}, Map.of("seed", "42")));
        assertTrue(unknown.getMessage().contains("unknown option --sed"), unknown.getMessage());
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
                () -> EvaluationSplit.Args.parse("x.Tool", new String[]{"--split", "val"}, Map.of()));
        assertTrue(split.getMessage().contains("'val' is not a split"), split.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> EvaluationSplit.Args.parse("x.Tool", new String[]{"--images", "/nonexistent"}, Map.of()));
        assertTrue(missing.getMessage().contains("no image folder at /nonexistent"), missing.getMessage());
    }
}
