package io.maskmill.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** The command line as a user meets it: --version, every --help, the shared option names, progress in a log. */
@QuarkusMainTest
class CommandLineTest {
    static final List<String> COMMANDS = List.of("generate", "augment", "export", "thesaurus-build",
            "thesaurus-quality", "prepare", "tiny-models");

    @TempDir
    Path tmp;

    @Test
    void versionPrintsTheVersion(QuarkusMainLauncher launcher) {
        LaunchResult root = launcher.launch("--version");
        assertEquals(0, root.exitCode());
        String version = root.getOutput().lines().filter(l -> l.matches("maskmill \\d+\\.\\d+\\.\\d+.*")).findFirst()
                .orElseThrow(() -> new AssertionError("no version line in " + root.getOutput()));
        LaunchResult sub = launcher.launch("generate", "--version");
        assertTrue(sub.getOutput().lines().anyMatch(version::equals), sub.getOutput());
    }

    @Test
    void everyHelpIsCleanAndTheOptionNamesAgree(QuarkusMainLauncher launcher) {
        for (String command : COMMANDS) {
            LaunchResult help = launcher.launch(command, "--help");
            String all = help.getOutput() + help.getErrorOutput();
            assertEquals(0, help.exitCode(), command + ": " + all);
            assertFalse(all.contains("picocli WARN") || all.contains("[picocli"), command + " --help warns: " + all);
            assertTrue(help.getOutput().contains("Usage: maskmill " + command), command + ": " + all);
            assertTrue(help.getOutput().contains("-V, --version"), command);
            // one name for one thing across commands; the earlier names are hidden
            for (String old : List.of("--job ", "--job=", "--store", "--output", "--model ", "--model=")) {
                assertFalse(help.getOutput().contains(old), command + " still shows " + old + ":\n" + all);
            }
        }
        assertTrue(launcher.launch("export", "--help").getOutput().contains("--job-id"));
        assertTrue(launcher.launch("export", "--help").getOutput().contains("--out"));
        assertTrue(launcher.launch("prepare", "--help").getOutput().contains("--models"));
        assertTrue(launcher.launch("thesaurus-build", "--help").getOutput().contains("-o, --out"));
        LaunchResult missing = launcher.launch("export", "--out", tmp.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.getErrorOutput().contains("--job-id"), missing.getErrorOutput());
    }

    @Test
    void progressInALogIsPlainLines(QuarkusMainLauncher launcher) throws IOException {
        Path prompts = Files.writeString(tmp.resolve("prompts.txt"), "dog: a dog on the grass\n");
        LaunchResult run = launcher.launch("generate", "--prompts", prompts.toString(), "--out",
                tmp.resolve("out").toString(), "--job-id", "cli-progress", "--images-per-class", "2");
        String err = run.getErrorOutput();
        assertEquals(0, run.exitCode(), run.getOutput() + err);
        assertFalse(err.contains("\r"), "no carriage returns when output is not a terminal");
        assertTrue(err.contains("job cli-progress: 2 samples planned"), err);
        assertTrue(err.lines().anyMatch(l -> l.matches("job cli-progress: 2/2 samples finished \\(.*sample 2.*\\) after \\d+ s")),
                err);
    }
}
