package io.maskmill.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.testing.Payloads;

/**
 * The packaged application as Kubernetes runs it: started with JSON logs switched on, it logs one
 * JSON object per line; sent SIGTERM while a sample event is being handled, it finishes that event
 * (the caller gets the response event) before it exits.
 */
class GracefulShutdownIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    @Test
    void sigtermFinishesTheEventInFlightAndLogsAreJson() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "run after package: " + JAR);
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Dquarkus.log.console.json.enabled=true",
                "-Dmaskmill.store.local.root=target/it-store", "-Dmaskmill.models.cache=target/tiny-models-cache",
                "-Dquarkus.otel.sdk.disabled=true", "-jar", JAR.toString()).redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        try {
            int port = awaitPort(lines);
            HttpClient http = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> response = null;
            // an event that is still being handled when SIGTERM comes (a fast machine may answer one first)
            for (int attempt = 0; attempt < 5 && (response == null || response.isDone()); attempt++) {
                response = postSample(http, port, "it-" + Long.toString(System.nanoTime(), 36));
                awaitInFlight(http, port, response);
            }
            assertTrue(!response.isDone(), "an event is being handled when SIGTERM arrives");
            app.destroy(); // SIGTERM
            HttpResponse<String> answered = response.get(5, TimeUnit.MINUTES);
            assertEquals(200, answered.statusCode(), answered.body());
            assertEquals("maskmill.sample.generated", answered.headers().firstValue("ce-type").orElse(null));
            assertTrue(app.waitFor(2, TimeUnit.MINUTES), "the application exits after the event");
            reader.join(10_000);
        } finally {
            app.destroyForcibly();
        }
        // every line the application wrote is a JSON log record
        assertTrue(lines.size() > 3, lines.toString());
        for (String line : lines) {
            JsonNode record = JSON.readTree(line);
            assertNotNull(record.get("message"), line);
            assertNotNull(record.get("level"), line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("stopped in")), "logged its shutdown");
    }

    private static CompletableFuture<HttpResponse<String>> postSample(HttpClient http, int port, String job) {
        String data = Payloads.sampleRequested(job, "s000000").replace("\"params\":{}", "\"params\":{\"steps\":\"200\"}");
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sample"))
                .header("ce-specversion", "1.0").header("ce-id", job).header("ce-source", "/it")
                .header("ce-type", "maskmill.sample.requested").header("ce-subject", job + "/s000000")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(data)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int awaitPort(List<String> lines) throws Exception {
        Pattern listening = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                Matcher m = listening.matcher(line);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the application did not start: " + lines);
    }

    /** Until the in-flight gauge says the event is being handled (or the answer came first). */
    private static void awaitInFlight(HttpClient http, int port, CompletableFuture<?> response) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline && !response.isDone()) {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (Pattern.compile("(?m)^maskmill_events_in_flight(\\{[^}]*\\})? 1\\.0").matcher(metrics).find()) {
                return;
            }
            Thread.sleep(20);
        }
    }
}
