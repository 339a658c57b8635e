package io.maskmill.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * A stage service is stopped (SIGTERM, as Kubernetes does on scale-down or rollout) while it handles an
 * event. The event in flight must be finished and answered, not cut: its output in the store and its
 * reply delivered; requests arriving meanwhile are answered on connections the server closes, and the
 * process then exits by itself. The packaged
 * application runs as a Knative service does ({@code maskmill.events.dispatch=http}); the test plays the
 * broker: it receives what the service publishes and posts each event back as a binary-mode CloudEvent.
 */
class GracefulShutdownIT {
    private static final String JOB = "drain";
    private static final Pattern IN_FLIGHT = Pattern.compile("(?m)^maskmill_events_in_flight(?:\\{[^}]*})? ([0-9.]+)");

    @TempDir
    Path tmp;

    record Event(Map<String, String> headers, String body) {
        String type() {
            return headers.getOrDefault("ce-type", "");
        }
    }

    @Test
    void anEventInFlightAtSigtermIsFinishedAndAnsweredBeforeTheProcessExits() throws Exception {
        BlockingQueue<Event> published = new LinkedBlockingQueue<>();
        HttpServer broker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        broker.createContext("/", exchange -> {
            published.add(new Event(ceHeaders(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        broker.start();
        Path store = tmp.resolve("store");
        try (PackagedApp app = PackagedApp.start(store, Path.of("target", "graceful-shutdown.log"),
                Map.of("maskmill.events.dispatch", "http",
                        "maskmill.events.sink-url", "http://127.0.0.1:" + broker.getAddress().getPort() + "/"))
                .awaitReady()) {
            // 1000 steps: the tiny model takes seconds on one sample, long enough to stop the service under it
            HttpResponse<String> posted = app.send("POST", "/jobs", "{\"jobId\":\"" + JOB + "\",\"prompts\":"
                    + "[\"dog: a dog on the grass\"],\"imagesPerClass\":1,\"seed\":3,\"options\":{\"steps\":\"1000\"}}");
            assertEquals(202, posted.statusCode(), posted.body());
            Event request = relayUntil(app, published, "maskmill.sample.requested");

            CompletableFuture<HttpResponse<String>> inFlight = PackagedApp.http().sendAsync(
                    app.request("POST", "/", request.body(), request.headers()).build(), HttpResponse.BodyHandlers.ofString());
            awaitInFlight(app, inFlight);
            long stopped = System.nanoTime();
            app.process().destroy(); // SIGTERM

            // while it drains, a request still arriving (Kubernetes takes a moment to drop the pod from the
            // endpoints) is answered, on a connection the server then closes, not refused
            Thread.sleep(300);
            HttpResponse<String> late = app.send("GET", "/jobs/" + JOB, null);
            assertEquals(200, late.statusCode(), late.body());
            assertEquals("close", late.headers().firstValue("connection").orElse(""), "the draining server closes connections");

            HttpResponse<String> answer = inFlight.get(2, TimeUnit.MINUTES);
            assertEquals(200, answer.statusCode(), "the event in flight at SIGTERM: " + answer.body());
            assertEquals("maskmill.sample.generated", answer.headers().firstValue("ce-type").orElse(""),
                    "the reply of the event in flight: " + answer.headers().map());
            assertTrue(Files.exists(store.resolve("jobs/" + JOB + "/samples/s000000/sample/event.json")),
                    "the sample stage's marker (its output, written last) is in the store");
            assertTrue(app.process().waitFor(90, TimeUnit.SECONDS), "the process exits once the event is answered");
            System.out.printf(Locale.ROOT, "SIGTERM with an event in flight: answered %d, process exited %.1f s after"
                    + " SIGTERM with %d%n", answer.statusCode(), (System.nanoTime() - stopped) / 1e9, app.process().exitValue());
        } finally {
            broker.stop(0);
        }
    }

    /** Plays the broker: posts what the service publishes (and replies) back to it until {@code type} comes. */
    private static Event relayUntil(PackagedApp app, BlockingQueue<Event> published, String type) throws Exception {
        Deque<Event> replies = new ArrayDeque<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            Event next = replies.isEmpty() ? published.poll(200, TimeUnit.MILLISECONDS) : replies.poll();
            if (next == null) {
                continue;
            }
            if (next.type().equals(type)) {
                return next;
            }
            HttpResponse<String> reply = app.send("POST", "/", next.body(), next.headers());
            assertTrue(reply.statusCode() < 300, next.type() + " → " + reply.statusCode() + " " + reply.body());
            if (reply.headers().firstValue("ce-type").isPresent()) {
                replies.add(new Event(ceHeaders(reply.headers().map()), reply.body()));
            }
        }
        fail("no " + type + " was published within a minute");
        return null;
    }

    /** Waits until the service reports an event in flight ({@code maskmill_events_in_flight} at /q/metrics). */
    private static void awaitInFlight(PackagedApp app, CompletableFuture<?> request) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            assertFalse(request.isDone(), "the event was answered before the service could be stopped under it");
            Matcher m = IN_FLIGHT.matcher(app.send("GET", "/q/metrics", null).body());
            if (m.find() && Double.parseDouble(m.group(1)) >= 1) {
                return;
            }
            Thread.sleep(50);
        }
        fail("the event never showed as in flight");
    }

    private static Map<String, String> ceHeaders(Map<String, java.util.List<String>> headers) {
        Map<String, String> ce = new TreeMap<>();
        headers.forEach((name, values) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.startsWith("ce-") && !values.isEmpty()) {
                ce.put(n, values.get(0));
            }
        });
        return ce;
    }
}
