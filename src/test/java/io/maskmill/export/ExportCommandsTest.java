package io.maskmill.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.maskmill.imaging.SharedData;
import io.maskmill.store.LocalArtifactStore;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** {@code maskmill augment} and {@code maskmill export} as a user runs them. */
@QuarkusMainTest
class ExportCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void augmentImportsRunsTheEditingStagesAndExports(QuarkusMainLauncher launcher) {
        Path out = tmp.resolve("out");
        LaunchResult result = launcher.launch("augment", "--coco", SharedData.require(SharedData.COCO_MINI).toString(),
                "--limit", "4", "--out", out.toString(), "--job-id", "cli-aug", "--copy-to", tmp.resolve("ds").toString());
        String output = result.getOutput() + result.getErrorOutput();
        assertTrue(result.exitCode() == 0 || result.exitCode() == 1, output);
        assertTrue(result.getOutput().contains("Job cli-aug: 4 images imported, 0 skipped."), output);
        assertTrue(result.getOutput().contains("Dataset of job cli-aug: "), output);
        assertTrue(Files.exists(out.resolve("jobs/cli-aug/dataset/CURRENT.json")), output);
        assertTrue(Files.exists(tmp.resolve("ds/manifest.jsonl")), output);
    }

    @Test
    void exportWritesAJobFromAStoreDirectoryAndCopiesIt(QuarkusMainLauncher launcher) {
        Path storeDir = tmp.resolve("store");
        SyntheticJob job = new SyntheticJob(new LocalArtifactStore(storeDir, Set.of("maskmill")), "cli-exp");
        job.add(0);
        job.add(1);
        LaunchResult ok = launcher.launch("export", "--job-id", "cli-exp", "--out", storeDir.toString(),
                "--formats", "voc,coco", "--copy-to", tmp.resolve("copy").toString());
        assertEquals(0, ok.exitCode(), ok.getOutput() + ok.getErrorOutput());
        assertTrue(ok.getOutput().contains("Dataset of job cli-exp: 2 images, 3 annotations, 0 skipped"), ok.getOutput());
        assertTrue(Files.exists(tmp.resolve("copy/SegmentationClass/s000001.png")));

        // the earlier option names still work
        LaunchResult missing = launcher.launch("export", "--job", "nope", "--store", storeDir.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.getErrorOutput().contains("no job 'nope'"), missing.getErrorOutput());
    }
}
