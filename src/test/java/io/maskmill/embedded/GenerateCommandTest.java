package io.maskmill.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** The README's first command: a whole job in one JVM, through the same functions, into a directory. */
@QuarkusMainTest
class GenerateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void runsAJobAndSaysPlainlyWhereItStopped(QuarkusMainLauncher launcher) throws IOException {
        Path prompts = Files.writeString(tmp.resolve("prompts.txt"), "dog: a dog on the grass\ncat: a cat on a sofa\n");
        Path out = tmp.resolve("out");
        LaunchResult result = launcher.launch("generate", "--prompts", prompts.toString(), "--out", out.toString(),
                "--images-per-class", "2", "--job-id", "cli-1", "--seed", "3");
        assertEquals(1, result.exitCode(), result.getOutput() + result.getErrorOutput());
        assertTrue(result.getOutput().contains("Job cli-1: 4 samples planned, 0 completed, 0 rejected, 4 failed."),
                result.getOutput());
        assertTrue(result.getErrorOutput().contains("4 samples failed: the optimize stage is not built yet"),
                result.getErrorOutput());
        assertTrue(Files.exists(out.resolve("jobs/cli-1/plan.json")));
        assertTrue(Files.exists(out.resolve("jobs/cli-1/samples/s000003/failed.json")));
        // the sample stage ran on the tiny default model: a real image and attention map per sample
        assertTrue(Files.exists(out.resolve("jobs/cli-1/samples/s000003/sample/image.png")));
        assertTrue(Files.exists(out.resolve("jobs/cli-1/samples/s000003/sample/attention.bin")));
    }

    @Test
    void badInputExitsWith2AndAClearMessage(QuarkusMainLauncher launcher) throws IOException {
        Path out = tmp.resolve("out");
        LaunchResult missing = launcher.launch("generate", "--prompts", tmp.resolve("nope.txt").toString(), "--out",
                out.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.getErrorOutput().contains("nope.txt does not exist"), missing.getErrorOutput());

        Path bad = Files.writeString(tmp.resolve("bad.txt"), "dog: a dog\na prompt without a class\n");
        LaunchResult invalid = launcher.launch("generate", "--prompts", bad.toString(), "--out", out.toString());
        assertEquals(2, invalid.exitCode());
        assertTrue(invalid.getErrorOutput().contains("bad.txt: line 2: no class given"), invalid.getErrorOutput());
        assertTrue(Files.notExists(out.resolve("jobs")) || Files.list(out.resolve("jobs")).findAny().isEmpty(),
                "nothing half-started");
    }
}
