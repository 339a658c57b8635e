package io.maskmill.thesaurus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ThesaurusBuildCommandTest {
    @TempDir
    Path dir;

    private int run(StringWriter err, String... args) {
        CommandLine cl = ThesaurusBuildCommand.commandLine();
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void buildsShardsByIndexAndMergesThem() throws IOException {
        List<String> lines = Files.readAllLines(TestData.flickr8k(), StandardCharsets.UTF_8);
        Path list = dir.resolve("inputs.txt");
        StringBuilder names = new StringBuilder();
        for (int f = 0; f < 4; f++) {
            Path file = dir.resolve("part-" + f + ".token");
            Files.write(file, lines.subList(f * 1000, (f + 1) * 1000));
            names.append(file).append('\n');
        }
        Files.writeString(list, names);
        StringWriter err = new StringWriter();
        for (int shard = 0; shard < 2; shard++) {
            assertEquals(0, run(err, "-q", "--input-list", list.toString(), "--shard-index", "" + shard,
                    "--shard-count", "2", "-o", dir.resolve("shard-" + shard + ".mmth").toString()), err.toString());
        }
        assertEquals(0, run(err, "--merge", "-o", dir.resolve("merged.mmth").toString(),
                dir.resolve("shard-0.mmth").toString(), dir.resolve("shard-1.mmth").toString()));
        assertEquals(0, run(err, "-q", "--on-error", "skip", "--input-list", list.toString(), "-o",
                dir.resolve("whole.mmth").toString()));
        ThesaurusTable merged = ThesaurusTable.read(dir.resolve("merged.mmth"));
        assertEquals(ThesaurusTable.read(dir.resolve("whole.mmth")), merged);
        assertEquals(4000, merged.captions());
    }

    @Test
    void badInputExitsWith2AndAOneLineMessage() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "id,url\n1,x\n");
        StringWriter err = new StringWriter();
        Path out = dir.resolve("t.mmth");
        assertEquals(2, run(err, "-q", "-o", out.toString(), bad.toString()));
        assertTrue(err.toString().startsWith("thesaurus-build: " + bad + " line 1: no column 'caption'"), err.toString());
        assertFalse(Files.exists(out));
    }
}
