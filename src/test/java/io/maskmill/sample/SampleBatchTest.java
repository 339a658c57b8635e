package io.maskmill.sample;

import static io.maskmill.testing.CloudEvents.binary;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.maskmill.events.EventType;
import io.maskmill.ingest.JobPlan;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.testing.BrokerReceiver;
import io.maskmill.testing.BrokerReceiver.Received;
import io.maskmill.testing.PlannedJobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * maskmill.sample.batch.requested over HTTP, as real CloudEvents, on the tiny default model with batch
 * size 4: what it publishes goes to a receiver standing in for the Broker, so nothing else runs.
 */
@QuarkusTest
@TestProfile(SampleBatchTest.Batches.class)
class SampleBatchTest {
    public static class Batches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("maskmill.sample.batch-size", "4");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(BrokerReceiver.class));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PROMPTS = { "a dog on the grass", "a dog in a park", "a dog on the grass", "a photo of a dog" };
    private static final List<String> FILES = List.of("image.png", "attention.bin", "attention.png", "self_attention.bin");

    @Inject
    ArtifactStore store;
    private final String run = Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void clear() {
        BrokerReceiver.events().clear();
    }

    /** Job {@code job}: four dogs with the prompts above (the third, optionally, a prompt without its class). */
    private void plan(String job, boolean badThird) {
        List<JobPlan.PlannedSample> samples = new ArrayList<>();
        for (int i = 0; i < PROMPTS.length; i++) {
            samples.add(new JobPlan.PlannedSample(id(i), "dog", badThird && i == 2 ? "a cat on a sofa" : PROMPTS[i], 100 + i));
        }
        PlannedJobs.write(store, job, List.of("dog", "cat"), samples);
    }

    private static String id(int i) {
        return String.format("s%06d", i);
    }

    private static String header(String job, int i, String prompt) {
        return "{\"jobId\":\"" + job + "\",\"sampleId\":\"" + id(i) + "\",\"attempt\":1,\"className\":\"dog\","
                + "\"classes\":[\"dog\",\"cat\"],\"prompt\":\"" + prompt + "\",\"seed\":" + (100 + i) + "}";
    }

    private static String batch(String job, String... prompts) {
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < prompts.length; i++) {
            headers.add(header(job, i, prompts[i]));
        }
        return "{\"samples\":[" + String.join(",", headers) + "],\"params\":{}}";
    }

    private static List<Received> published() {
        List<Received> out = new ArrayList<>();
        BrokerReceiver.events().drainTo(out);
        return out;
    }

    private byte[] file(String job, int i, String name) {
        return store.get(ArtifactKeys.stage(job, id(i), "sample", name));
    }

    /** meta.json without the timings, which say how long the call took. */
    private JsonNode meta(String job, int i) throws Exception {
        ObjectNode meta = (ObjectNode) JSON.readTree(file(job, i, "meta.json"));
        meta.remove("timingsMs");
        return meta;
    }

    @Test
    void eachSampleOfABatchIsTheBytesItIsAlone() throws Exception {
        String batched = "batch-" + run, alone = "alone-" + run;
        plan(batched, false);
        plan(alone, false);
        binary(EventType.SAMPLE_BATCH_REQUESTED.type(), batch(batched, PROMPTS)).then().statusCode(204);
        List<Received> events = published();
        assertThat(events).extracting(Received::type).containsOnly(EventType.SAMPLE_GENERATED.type()).hasSize(4);
        assertThat(events).extracting(e -> e.attributes().get("subject"))
                .containsExactly(batched + "/s000000", batched + "/s000001", batched + "/s000002", batched + "/s000003");
        assertThat(events).extracting(e -> e.attributes().get("source")).containsOnly("/maskmill/sample");

        for (int i = 0; i < PROMPTS.length; i++) {
            binary(EventType.SAMPLE_REQUESTED.type(), "{\"sample\":" + header(alone, i, PROMPTS[i]) + ",\"prompt\":\""
                    + PROMPTS[i] + "\",\"seed\":" + (100 + i) + ",\"params\":{}}").then().statusCode(200);
            for (String name : FILES) {
                assertThat(file(batched, i, name)).as("%s of sample %d", name, i).isEqualTo(file(alone, i, name));
            }
            assertThat(meta(batched, i)).isEqualTo(meta(alone, i));
            JsonNode marker = JSON.readTree(store.get(ArtifactKeys.stageMarker(batched, id(i), "sample")));
            JsonNode event = JSON.readTree(events.get(i).data());
            assertThat(event).as("the published event is the stored marker").isEqualTo(marker);
            assertThat(marker.get("params")).isEqualTo(JSON.readTree(store.get(ArtifactKeys.stageMarker(alone, id(i), "sample")))
                    .get("params"));
        }
        assertThat(file(batched, 0, "image.png")).as("different seeds, different images").isNotEqualTo(file(batched, 2, "image.png"));
    }

    @Test
    void aRedeliveredBatchComputesOnlyWhatItHadNotFinished() throws Exception {
        String job = "redeliver-" + run;
        plan(job, false);
        binary(EventType.SAMPLE_BATCH_REQUESTED.type(), batch(job, PROMPTS)).then().statusCode(204);
        byte[] third = file(job, 2, "image.png");
        published();
        // sample 1 finished (a mark on its image shows whether it is made again); sample 2 did not get to its marker
        store.put(ArtifactKeys.stage(job, id(1), "sample", "image.png"), "kept".getBytes(StandardCharsets.UTF_8), "image/png");
        delete(ArtifactKeys.stageMarker(job, id(2), "sample"));
        delete(ArtifactKeys.stage(job, id(2), "sample", "image.png"));

        binary(EventType.SAMPLE_BATCH_REQUESTED.type(), batch(job, PROMPTS)).then().statusCode(204);
        List<Received> again = published();
        assertThat(again).extracting(e -> e.attributes().get("subject"))
                .containsExactly(job + "/s000000", job + "/s000001", job + "/s000002", job + "/s000003");
        assertThat(new String(file(job, 1, "image.png"), StandardCharsets.UTF_8)).as("finished: not made again").isEqualTo("kept");
        assertThat(file(job, 2, "image.png")).as("made again, the same bytes").isEqualTo(third);
        assertThat(store.exists(ArtifactKeys.stageMarker(job, id(2), "sample"))).isTrue();
    }

    /** The test store is a local directory (the store itself never deletes). */
    private void delete(String key) throws java.io.IOException {
        java.nio.file.Files.delete(java.nio.file.Path.of(store.uri(key)));
    }

    @Test
    void aSampleWhosePromptIsBadFailsAloneAndTheJobCountsStayRight() throws Exception {
        String job = "bad-prompt-" + run;
        plan(job, true);
        String[] prompts = PROMPTS.clone();
        prompts[2] = "a cat on a sofa";
        binary(EventType.SAMPLE_BATCH_REQUESTED.type(), batch(job, prompts)).then().statusCode(204);
        List<Received> events = published();
        assertThat(events).extracting(Received::type).containsExactly(EventType.SAMPLE_GENERATED.type(),
                EventType.SAMPLE_GENERATED.type(), EventType.SAMPLE_FAILED.type(), EventType.SAMPLE_GENERATED.type());
        JsonNode failed = JSON.readTree(events.get(2).data());
        assertThat(failed.path("sample").path("sampleId").asText()).isEqualTo("s000002");
        assertThat(failed.path("stage").asText()).isEqualTo("sample");
        assertThat(failed.path("event").asText()).isEqualTo(EventType.SAMPLE_BATCH_REQUESTED.type());
        assertThat(failed.path("reason").asText()).contains("dog");

        // the ledger takes the failure as published; the job counts four samples, three made, one failed
        binary(EventType.SAMPLE_FAILED.type(), events.get(2).data(), Map.of()).then().statusCode(204);
        given().get("/jobs/" + job).then().statusCode(200).body("planned", equalTo(4)).body("stages.sample", equalTo(3))
                .body("failed", equalTo(1));
    }

    @Test
    void malformedOrForgedBatchesAreRefusedNamingTheFieldAndChangeNothing() {
        String job = "malformed-" + run;
        plan(job, false);
        String type = EventType.SAMPLE_BATCH_REQUESTED.type();
        binary(type, "{\"params\":{}}").then().statusCode(400).body("error", containsString("samples is missing"));
        binary(type, "{\"samples\":[],\"params\":{}}").then().statusCode(400).body("error", containsString("samples is missing or empty"));
        binary(type, batch(job, PROMPTS).replace(",\"seed\":101", "")).then().statusCode(400)
                .body("error", containsString("samples[1].seed is missing"));
        binary(type, batch(job, PROMPTS).replace("\"prompt\":\"a dog in a park\",", "")).then().statusCode(400)
                .body("error", containsString("samples[1].prompt is missing"));
        binary(type, batch(job, PROMPTS).replaceFirst("\"sampleId\":\"s000001\",\"attempt\":1,\"className\":\"dog\"",
                "\"sampleId\":\"s000001\",\"attempt\":1,\"className\":\"cat\"")).then().statusCode(400)
                .body("error", containsString("samples[1].className 'cat'"));
        binary(type, batch(job, PROMPTS).replace("s000003", "s000000")).then().statusCode(400)
                .body("error", containsString("samples[3].sampleId 's000000' is listed twice"));
        StringBuilder many = new StringBuilder("{\"samples\":[");
        for (int i = 0; i < 65; i++) {
            many.append(i == 0 ? "" : ",").append(header(job, i, "a dog"));
        }
        binary(type, many.append("],\"params\":{}}").toString()).then().statusCode(400)
                .body("error", containsString("samples has 65 entries"));
        // well formed, but not what the plan says: a forged batch is refused whole
        binary(type, batch(job, PROMPTS).replace("\"seed\":103", "\"seed\":7")).then().statusCode(400)
                .body("error", containsString("not the planned seed"));
        binary(type, batch(job, PROMPTS).replace("\"a photo of a dog\"", "\"a dog on the moon\"")).then().statusCode(400)
                .body("error", containsString("the header's prompt is not the planned one"));
        assertThat(published()).as("nothing refused led anywhere").isEmpty();
        assertThat(store.list(ArtifactKeys.samples(job))).as("nothing was written").isEmpty();
    }
}
