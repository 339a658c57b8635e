package io.maskmill.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The embedded default, observed as an operator would: a job posted over HTTP with a W3C
 * {@code traceparent} runs through every stage in-process, and /q/metrics and the trace show it.
 */
@QuarkusTest
class ObservabilityTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Inject
    InMemorySpanExporter spans;

    @Test
    void oneJobIsOneTraceAndItsStagesAreMeasured() throws InterruptedException {
        String job = "obs-" + Long.toString(System.nanoTime(), 36);
        given().header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01").contentType("application/json")
                .body("{\"jobId\":\"" + job + "\",\"prompts\":[\"dog: a dog on grass\"],\"imagesPerClass\":2,\"seed\":3}")
                .post("/jobs").then().statusCode(202);
        JsonPath status = awaitExported(job);
        assertEquals(0, status.getInt("failed"), status.prettify());

        // every stage's span for this job is in the caller's trace, each a child of the event's publisher
        List<SpanData> stages = awaitStageSpans(job);
        Map<String, Set<String>> traces = new TreeMap<>();
        for (SpanData span : stages) {
            traces.computeIfAbsent(span.getAttributes().get(io.opentelemetry.api.common.AttributeKey
                    .stringKey("maskmill.function")), k -> new java.util.TreeSet<>()).add(span.getTraceId());
            assertEquals(SpanKind.CONSUMER, span.getKind());
        }
        assertTrue(traces.keySet().containsAll(List.of("sample", "optimize", "export")), traces.toString());
        traces.forEach((function, ids) -> assertEquals(Set.of(TRACE_ID), ids, function + " spans' trace"));
        // each continues a span of the same trace: an earlier stage's, or the request's that published it
        Set<String> spanIds = spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(TRACE_ID))
                .map(SpanData::getSpanId).collect(Collectors.toSet());
        spanIds.add("00f067aa0ba902b7");
        for (SpanData span : stages) {
            assertTrue(spanIds.contains(span.getParentSpanId()), span.getName() + " continues a span of the trace");
        }

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String ours = metrics.lines().filter(l -> l.startsWith("maskmill_")).collect(Collectors.joining("\n"));
        assertTrue(count(metrics, "maskmill_events_in_total", "type=\"maskmill.sample.requested\"") >= 2, ours);
        assertTrue(count(metrics, "maskmill_events_out_total", "type=\"maskmill.sample.requested\"") >= 2, ours);
        assertTrue(count(metrics, "maskmill_events_out_total", "type=\"maskmill.sample.generated\"") >= 2);
        assertTrue(count(metrics, "maskmill_samples_total", "outcome=\"completed\"")
                + count(metrics, "maskmill_samples_total", "outcome=\"rejected\"") >= 2);
        // a latency histogram per stage: buckets, a count and a sum
        for (String stage : List.of("sample", "optimize", "export")) {
            assertTrue(count(metrics, "maskmill_stage_duration_seconds_count", "stage=\"" + stage + "\"") >= 1, stage);
            assertTrue(metrics.contains("maskmill_stage_duration_seconds_bucket{") && metrics.matches(
                    "(?s).*maskmill_stage_duration_seconds_bucket\\{[^}]*stage=\"" + stage + "\".*"), stage + " buckets");
        }
        assertTrue(metrics.contains("maskmill_events_in_flight"), "in-flight gauge");
    }

    @Test
    void readyOnceTheStoreAnswersAndTheModelsLoad() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonPath health;
        do {
            health = given().get("/q/health/ready").then().extract().jsonPath();
            if ("UP".equals(health.getString("status"))) {
                break;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        assertEquals("UP", health.getString("status"), health.prettify());
        assertEquals("UP", health.getString("checks.find { it.name == 'store' }.status"));
        assertTrue(health.getString("checks.find { it.name == 'models' }.data.loaded").contains("sample model"),
                health.prettify());
    }

    /** The value of one Prometheus sample line whose labels contain {@code label}; 0 when there is none. */
    static double count(String metrics, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)").matcher(metrics);
        double total = 0;
        while (m.find()) {
            if (m.group(1).contains(label)) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    /** The job's stage spans, once the export's (the last) has ended. */
    private List<SpanData> awaitStageSpans(String job) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<SpanData> found;
        do {
            found = spans.getFinishedSpanItems().stream().filter(s -> {
                String subject = s.getAttributes().get(io.opentelemetry.api.common.AttributeKey
                        .stringKey("cloudevents.event_subject"));
                return subject != null && subject.startsWith(job);
            }).toList();
            if (found.stream().anyMatch(s -> s.getName().startsWith("export "))) {
                return found;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return found;
    }

    static JsonPath awaitExported(String job) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonPath status;
        do {
            status = given().get("/jobs/" + job).then().statusCode(200).extract().jsonPath();
            boolean ended = status.getInt("completed") + status.getInt("rejected") + status.getInt("failed")
                    == status.getInt("planned");
            if (ended && given().get("/jobs/" + job + "/dataset").statusCode() == 200) {
                return status;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job " + job + " did not end: " + status.prettify());
    }
}
