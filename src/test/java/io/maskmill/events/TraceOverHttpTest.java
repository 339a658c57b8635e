package io.maskmill.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.maskmill.testing.BrokerReceiver;
import io.maskmill.testing.BrokerReceiver.Received;
import io.maskmill.testing.Payloads;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Tracing as the cluster runs it: events published to the broker over HTTP carry the publisher's
 * context as {@code ce-traceparent} (and the W3C {@code traceparent} header), each function's
 * response event carries its stage span on, so a job started with a {@code traceparent} is one
 * trace through every stage. Delivered as a Knative broker would: binary mode, {@code ce-*} copied.
 */
@QuarkusTest
@TestProfile(ChainTest.ThroughBroker.class)
class TraceOverHttpTest {
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aJobStartedWithATraceparentIsOneTraceThroughEveryStage() throws Exception {
        String job = "trace-" + Long.toString(System.nanoTime(), 36);
        BrokerReceiver.events().clear();
        given().header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01").contentType("application/json")
                .body("{\"jobId\":\"" + job + "\",\"prompts\":[\"dog: a dog on grass\"],\"imagesPerClass\":1}")
                .post("/jobs").then().statusCode(202);
        Deque<Received> pending = new ArrayDeque<>(BrokerReceiver.events());
        BrokerReceiver.events().clear();
        Set<String> functions = new TreeSet<>();
        int hops = 0;
        while (!pending.isEmpty()) {
            if (++hops > 100) {
                fail("the chain does not end");
            }
            Received event = pending.poll();
            String traceparent = event.attributes().get("traceparent");
            assertNotNull(traceparent, event.type() + " carries ce-traceparent");
            assertEquals(TRACE_ID, traceparent.split("-")[1], event.type() + " is in the job's trace");
            EventType type = EventType.of(event.type()).orElseThrow();
            if (type.consumer().isEmpty()) {
                continue;
            }
            functions.add(type.consumer().get());
            var request = given().contentType("application/json").body(event.data());
            event.attributes().forEach((name, value) -> request.header("ce-" + name, value));
            Response response = request.post("/" + type.consumer().get());
            assertTrue(response.statusCode() / 100 == 2, type + ": " + response.asString());
            if (response.statusCode() == 200) {
                Map<String, String> attributes = new TreeMap<>();
                response.headers().forEach(h -> {
                    if (h.getName().toLowerCase().startsWith("ce-")) {
                        attributes.put(h.getName().substring(3).toLowerCase(), h.getValue());
                    }
                });
                pending.add(new Received(attributes, response.asByteArray()));
            }
            pending.addAll(BrokerReceiver.events());
            BrokerReceiver.events().clear();
        }
        assertTrue(functions.containsAll(List.of("sample", "optimize", "export")), functions.toString());

        // each function handled its event in a stage span of the job's trace, a child of a span of that trace
        List<SpanData> trace = awaitSpans(TRACE_ID, functions);
        Set<String> ids = new TreeSet<>();
        trace.forEach(s -> ids.add(s.getSpanId()));
        for (SpanData span : trace) {
            if (span.getAttributes().get(FUNCTION) != null) {
                assertTrue(ids.contains(span.getParentSpanId()) || span.getParentSpanId().equals("b7ad6b7169203331"),
                        span.getName() + " has its parent in the trace");
            }
        }
    }

    @Test
    void aStructuredEventsTraceparentAttributeIsCarriedOn() throws IOException, InterruptedException {
        String job = "trace-s-" + Long.toString(System.nanoTime(), 36);
        BrokerReceiver.events().clear();
        given().contentType("application/json").body("{\"jobId\":\"" + job + "\",\"prompts\":[\"dog: a dog\"]}")
                .post("/jobs").then().statusCode(202);
        Received requested = BrokerReceiver.events().stream()
                .filter(e -> e.type().equals(EventType.SAMPLE_REQUESTED.type())).findFirst().orElseThrow();
        BrokerReceiver.events().clear();
        // the same event, structured, carrying a trace of the caller's as its traceparent attribute
        String traceId = "5c1e4b3bd4a6a2b8f0e0d1c2b3a49586";
        ObjectNode event = JSON.createObjectNode();
        requested.attributes().forEach(event::put);
        event.put("traceparent", "00-" + traceId + "-a1b2c3d4e5f60718-01").put("datacontenttype", "application/json");
        event.set("data", JSON.readTree(requested.data()));
        given().contentType("application/cloudevents+json").body(JSON.writeValueAsBytes(event)).post("/sample")
                .then().statusCode(200);
        SpanData span = awaitSpans(traceId, Set.of("sample")).stream().filter(s -> s.getAttributes().get(FUNCTION) != null)
                .findFirst().orElseThrow();
        assertEquals("a1b2c3d4e5f60718", span.getParentSpanId());
    }

    private static final AttributeKey<String> FUNCTION = AttributeKey.stringKey("maskmill.function");

    /** The spans of {@code traceId}, once it has a stage span for each of {@code functions}. */
    private List<SpanData> awaitSpans(String traceId, Set<String> functions) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<SpanData> found;
        Set<String> seen;
        do {
            found = spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
            seen = new TreeSet<>();
            for (SpanData s : found) {
                if (s.getAttributes().get(FUNCTION) != null) {
                    seen.add(s.getAttributes().get(FUNCTION));
                }
            }
            if (seen.containsAll(functions)) {
                return found;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("stage spans in trace " + traceId + ": " + seen + ", expected " + functions);
    }
}
