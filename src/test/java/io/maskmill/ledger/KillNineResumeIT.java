package io.maskmill.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.ops.PackagedApp;

/**
 * The operator's fault: the service is killed with SIGKILL in the middle of a job and started again
 * on the same store. The job must complete, and no stage may compute again a sample it had finished:
 * every stage marker that existed at the kill is the same file (inode and mtime) at the end. Runs the
 * packaged application ({@code target/quarkus-app}) in JVMs of its own, after {@code package}.
 */
class KillNineResumeIT {
    private static final String JOB = "kill9";
    private static final int SAMPLES = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aJobKilledMidwayCompletesAfterARestartWithoutRecomputingAnythingFinished() throws Exception {
        Path store = tmp.resolve("store");
        Map<String, String> before;
        try (PackagedApp first = PackagedApp.start(store, Path.of("target", "kill9-first.log"), Map.of()).awaitReady()) {
            HttpResponse<String> posted = first.send("POST", "/jobs", "{\"jobId\":\"" + JOB + "\",\"prompts\":"
                    + "[\"dog: a dog on the grass\",\"cat: a cat on a sofa\"],\"imagesPerClass\":8,\"seed\":4}");
            assertEquals(202, posted.statusCode(), posted.body());
            // the embedded broker works through its queue in order, stage after stage: wait until optimize has
            // finished a few samples (every sample generated, nothing harmonized yet), then kill -9
            JsonNode status = awaitStatus(first, s -> s.path("stages").path("optimize").asInt() >= 3, Duration.ofMinutes(5));
            assertTrue(status.path("stages").path("harmonize").asInt() < SAMPLES, "killed mid-job: " + status);
        } // close: SIGKILL, no shutdown hook, no drain, whatever was queued is gone
        before = markers(store);
        long finishedBefore = before.keySet().stream().filter(k -> k.endsWith("/optimize/event.json")).count();

        try (PackagedApp second = PackagedApp.start(store, Path.of("target", "kill9-second.log"), Map.of()).awaitReady()) {
            JsonNode status = awaitStatus(second, s -> s.path("state").asText().equals("completed"), Duration.ofMinutes(8));
            assertEquals(SAMPLES, status.path("completed").asInt() + status.path("rejected").asInt(), status.toString());
            assertEquals(0, status.path("failed").asInt(), status.toString());
            assertEquals(SAMPLES, status.path("stages").path("sample").asInt(), "every sample generated once");
            Map<String, String> after = markers(store);
            List<String> recomputed = new ArrayList<>();
            before.forEach((marker, identity) -> {
                if (!identity.equals(after.get(marker))) {
                    recomputed.add(marker);
                }
            });
            System.out.printf("kill -9 with %d of %d samples through optimize (%d stage markers); after the restart: %s,"
                    + " %d stage markers rewritten%n", finishedBefore, SAMPLES, before.size(), status.path("state"),
                    recomputed.size());
            assertEquals(List.of(), recomputed, "stage outputs finished before the kill were computed again");
            awaitFile(store.resolve("jobs/" + JOB + "/dataset/CURRENT.json"), Duration.ofMinutes(2));
        }
    }

    /** Every stage marker of the job, with the identity of the file that holds it (inode and mtime). */
    private static Map<String, String> markers(Path store) throws IOException {
        Map<String, String> found = new TreeMap<>();
        Path samples = store.resolve("jobs/" + JOB + "/samples");
        if (!Files.isDirectory(samples)) {
            return found;
        }
        try (Stream<Path> files = Files.walk(samples)) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("event.json")).toList()) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                found.put(store.relativize(f).toString(), a.fileKey() + "@" + a.lastModifiedTime().toMillis());
            }
        }
        return found;
    }

    private static JsonNode awaitStatus(PackagedApp app, Predicate<JsonNode> until, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            status = JSON.readTree(app.send("GET", "/jobs/" + JOB, null).body());
            if (until.test(status)) {
                return status;
            }
            Thread.sleep(200);
        }
        fail("gave up waiting; the job's status was " + status);
        return null;
    }

    private static void awaitFile(Path file, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                fail(file + " never appeared");
            }
            Thread.sleep(200);
        }
    }
}
