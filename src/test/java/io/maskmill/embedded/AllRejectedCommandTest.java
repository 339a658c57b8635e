package io.maskmill.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** A quality gate no mask can pass: the run says, per reason, why its samples were all rejected. */
@QuarkusMainTest
@TestProfile(AllRejectedCommandTest.StrictGate.class)
class AllRejectedCommandTest {
    public static class StrictGate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("maskmill.optimize.gate.min-area", "0.97", "maskmill.optimize.gate.max-area", "1");
        }
    }

    @TempDir
    Path tmp;

    @Test
    void aRunWhoseSamplesWereAllRejectedPrintsWhy(QuarkusMainLauncher launcher) throws IOException {
        Path prompts = Files.writeString(tmp.resolve("prompts.txt"), "dog: a dog on the grass\n");
        LaunchResult run = launcher.launch("generate", "--prompts", prompts.toString(), "--out",
                tmp.resolve("out").toString(), "--job-id", "cli-rejected", "--images-per-class", "2");
        String err = run.getErrorOutput();
        assertEquals(0, run.exitCode(), run.getOutput() + err);
        assertTrue(run.getOutput().contains("2 rejected, 0 failed"), run.getOutput());
        assertTrue(err.contains("Why the samples were rejected:"), err);
        assertTrue(err.lines().anyMatch(l -> l.startsWith("  2 samples rejected by optimize: ")), err);
    }
}
