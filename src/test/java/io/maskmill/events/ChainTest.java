package io.maskmill.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;

import io.maskmill.testing.BrokerReceiver;
import io.maskmill.testing.BrokerReceiver.Received;
import io.maskmill.testing.KnativeRoutes;
import io.maskmill.testing.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The whole chain as the cluster runs it: every event the application emits — published to the
 * broker or returned as a response event — is delivered over HTTP to the function that the
 * Trigger manifests in {@code knative/} route its type to, addressed by that function's path.
 * Every delivery happens twice, in structured mode and then in binary mode, as a broker redelivering
 * it would: both answers must be the same event, and the published events keep their ids, so the
 * duplicates are recognised and the chain runs exactly once.
 */
@QuarkusTest
@TestProfile(ChainTest.ThroughBroker.class)
public class ChainTest {
    public static class ThroughBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(BrokerReceiver.class));
        }
    }

    @Test
    void everyEmittedEventReachesTheFunctionItsTriggerNames() throws IOException {
        KnativeRoutes routes = KnativeRoutes.load(Path.of("knative"));
        Deque<Received> pending = new ArrayDeque<>();
        String job = "chain-" + Long.toString(System.nanoTime(), 36);
        pending.add(new Received(Map.of("id", job, "source", "/tests", "specversion", "1.0",
                "type", EventType.JOB_REQUESTED.type()),
                Payloads.jobRequested(job, "[\"dog: a dog on grass\", \"cat: a cat on a sofa\"]")
                        .getBytes(StandardCharsets.UTF_8)));
        Map<String, Integer> delivered = new TreeMap<>();
        Map<String, Integer> terminal = new TreeMap<>();
        Set<String> published = new HashSet<>();
        int hops = 0;
        while (!pending.isEmpty()) {
            if (++hops > 1000) {
                fail("the chain does not end");
            }
            Received event = pending.poll();
            EventType type = EventType.of(event.type()).orElseThrow(() -> new AssertionError("unknown " + event.type()));
            if (type.consumer().isEmpty()) {
                terminal.merge(type.type(), 1, Integer::sum);
                continue;
            }
            String function = routes.functionFor(type.type())
                    .orElseThrow(() -> new AssertionError("no Trigger in knative/ routes " + type));
            assertEquals(type.consumer().get(), function, "Trigger for " + type + " and EventType disagree");
            Response structured = deliverStructured(event, function);
            Response response = deliver(event, function);
            delivered.merge(function, 1, Integer::sum);
            assertEquals(response.statusCode(), structured.statusCode(), function + " in both modes");
            switch (response.statusCode()) {
                case 200 -> {
                    Received answer = responseEvent(response);
                    JsonNode structuredAnswer = JSON.readTree(structured.asByteArray());
                    assertEquals(answer.type(), structuredAnswer.path("type").asText(), function + " answer type");
                    assertEquals(JSON.readTree(answer.data()), structuredAnswer.path("data"),
                            function + ": the redelivery answered with the same event");
                    pending.add(answer);
                }
                case 204 -> { }
                default -> fail(function + " answered " + response.statusCode() + ": " + response.asString());
            }
            for (Received e; (e = BrokerReceiver.events().poll()) != null;) {
                if (published.add(e.attributes().get("id"))) {
                    pending.add(e);
                }
            }
        }
        // 2 classes × 2 images: every sample goes the whole way; the ledger hears of the job and of each
        // sample's end, and requests the export once, when the last one ends.
        assertEquals(Map.of("ingest", 1, "sample", 4, "optimize", 4, "thesaurus", 4, "place", 4, "harmonize", 4,
                "ledger", 5, "export", 1), delivered);
        assertEquals(Map.of(EventType.DATASET_EXPORTED.type(), 1), terminal);
    }

    @Inject
    ArtifactStore store;

    @Test
    void theLedgerRequestsTheExportOnceWhenEverySampleHasEndedAndRefusesForgedOutcomes() {
        // A fresh job id per run: the test store outlives a run, and the ledger's books with it.
        String job = "chain-" + Long.toString(System.nanoTime(), 36);
        given().contentType("application/json")
                .body("{\"jobId\":\"" + job + "\",\"prompts\":[\"dog: a dog\"],\"imagesPerClass\":3}").post("/jobs")
                .then().statusCode(202);
        BrokerReceiver.events().clear();
        // The stages' own records, as harmonize and optimize leave them: the ledger wants to see them.
        store.put(ArtifactKeys.stageMarker(job, "s000000", "harmonize"), "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        store.put(ArtifactKeys.rejected(job, "s000001"), "{}".getBytes(StandardCharsets.UTF_8), "application/json");

        outcome(EventType.SAMPLE_COMPLETED, job, "s000002", 400, "harmonize/event.json does not exist");
        outcome(EventType.SAMPLE_COMPLETED, job, "s000009", 400, "not in the plan");
        outcome(EventType.SAMPLE_COMPLETED, job, "s000000", 204, null);
        outcome(EventType.SAMPLE_COMPLETED, job, "s000000", 204, null); // a redelivery
        outcome(EventType.SAMPLE_REJECTED, job, "s000000", 400, "already completed");
        outcome(EventType.SAMPLE_REJECTED, job, "s000001", 204, null);
        assertTrue(BrokerReceiver.events().isEmpty(), "not before the last sample");
        given().get("/jobs/" + job).then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("running"))
                .body("completed", org.hamcrest.Matchers.equalTo(1)).body("rejected", org.hamcrest.Matchers.equalTo(1));

        store.put(ArtifactKeys.stageMarker(job, "s000002", "harmonize"), "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        outcome(EventType.SAMPLE_COMPLETED, job, "s000002", 204, null);
        Received export = BrokerReceiver.events().poll();
        assertEquals(EventType.EXPORT_REQUESTED.type(), export.type());
        assertTrue(new String(export.data(), StandardCharsets.UTF_8).contains("\"jobId\":\"" + job + "\""));
        outcome(EventType.SAMPLE_COMPLETED, job, "s000002", 204, null);
        outcome(EventType.SAMPLE_FAILED, job, "s000002", 400, "already completed");
        assertTrue(BrokerReceiver.events().isEmpty(), "the export is requested once");
        given().get("/jobs/" + job).then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("completed"))
                .body("failed", org.hamcrest.Matchers.equalTo(0));
        given().get("/jobs/" + job + "/samples?limit=2").then().statusCode(200)
                .body("samples.state", org.hamcrest.Matchers.contains("completed", "rejected"))
                .body("next", org.hamcrest.Matchers.equalTo("s000001"));

        given().post("/jobs/" + job + "/export").then().statusCode(202);
        assertEquals(EventType.EXPORT_REQUESTED.type(), BrokerReceiver.events().poll().type());
        given().post("/jobs/chain-none/export").then().statusCode(404);
    }

    private static String dogHeader(String job, String sample) {
        return "{\"jobId\":\"" + job + "\",\"sampleId\":\"" + sample
                + "\",\"attempt\":1,\"className\":\"dog\",\"classes\":[\"dog\"]}";
    }

    /** Posts a sample outcome to "/" as a binary-mode CloudEvent (the gate routes it to the ledger). */
    private static void outcome(EventType type, String job, String sample, int status, String message) {
        String data = switch (type) {
            case SAMPLE_COMPLETED -> "{\"sample\":" + dogHeader(job, sample) + ",\"artifacts\":{},\"params\":{}}";
            case SAMPLE_REJECTED -> "{\"sample\":" + dogHeader(job, sample) + ",\"stage\":\"optimize\",\"reason\":\"small\"}";
            default -> "{\"sample\":" + dogHeader(job, sample) + ",\"stage\":\"place\",\"event\":\"x\",\"reason\":\"boom\"}";
        };
        var response = given().contentType("application/json").header("ce-id", job + "/" + sample + "/" + type)
                .header("ce-source", "/tests").header("ce-specversion", "1.0").header("ce-type", type.type())
                .body(data).post("/").then().statusCode(status);
        if (message != null) {
            response.body("error", org.hamcrest.Matchers.containsString(message));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Response deliverStructured(Received event, String function) throws IOException {
        ObjectNode envelope = JSON.createObjectNode();
        event.attributes().forEach(envelope::put);
        envelope.put("datacontenttype", "application/json");
        envelope.set("data", JSON.readTree(event.data()));
        return given().contentType("application/cloudevents+json").body(JSON.writeValueAsBytes(envelope))
                .post("/" + function);
    }

    private static Response deliver(Received event, String function) {
        var request = given().contentType("application/json").body(event.data());
        event.attributes().forEach((name, value) -> request.header("ce-" + name, value));
        return request.post("/" + function);
    }

    private static Received responseEvent(Response response) {
        Map<String, String> attributes = new TreeMap<>();
        response.headers().forEach(h -> {
            if (h.getName().toLowerCase().startsWith("ce-")) {
                attributes.put(h.getName().substring(3).toLowerCase(), h.getValue());
            }
        });
        assertTrue(attributes.containsKey("type"), "a 200 answer carries a response event");
        return new Received(attributes, response.asByteArray());
    }
}
