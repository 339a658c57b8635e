package io.maskmill.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    @Test
    void aJobKilledMidwayCompletesAfterARestartWithoutRecomputingAnythingFinished() throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.exists(jar), jar + " is built by package, which runs before this test");
        Path store = tmp.resolve("store");
        int port = freePort();

        Process first = start(jar, store, port, Path.of("target", "kill9-first.log"));
        Map<String, String> before;
        try {
            awaitReady(port, first);
            HttpResponse<String> posted = send(port, "POST", "/jobs", "{\"jobId\":\"" + JOB + "\",\"prompts\":"
                    + "[\"dog: a dog on the grass\",\"cat: a cat on a sofa\"],\"imagesPerClass\":8,\"seed\":4}");
            assertEquals(202, posted.statusCode(), posted.body());
            // the embedded broker works through its queue in order, stage after stage: wait until optimize has
            // finished a few samples (every sample generated, nothing harmonized yet), then kill -9
            JsonNode status = awaitStatus(port, s -> s.path("stages").path("optimize").asInt() >= 3, Duration.ofMinutes(5));
            assertTrue(status.path("stages").path("harmonize").asInt() < SAMPLES, "killed mid-job: " + status);
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no drain, whatever was queued is gone
            first.waitFor();
        }
        before = markers(store);
        long finishedBefore = before.keySet().stream().filter(k -> k.endsWith("/optimize/event.json")).count();

        Process second = start(jar, store, port, Path.of("target", "kill9-second.log"));
        try {
            awaitReady(port, second);
            JsonNode status = awaitStatus(port, s -> s.path("state").asText().equals("completed"), Duration.ofMinutes(8));
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
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    private Process start(Path jar, Path store, int port, Path log) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port, "-Dmaskmill.store.local.root=" + store,
                "-Dmaskmill.models.cache=" + Path.of("target", "tiny-models-cache").toAbsolutePath(),
                "-jar", jar.toString());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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

    private void awaitReady(int port, Process app) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                fail("the application exited with " + app.exitValue());
            }
            try {
                if (send(port, "GET", "/q/health/ready", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        fail("the application did not get ready");
    }

    private JsonNode awaitStatus(int port, java.util.function.Predicate<JsonNode> until, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            status = JSON.readTree(send(port, "GET", "/jobs/" + JOB, null).body());
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

    private HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
