package io.maskmill.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.maskmill.ingest.JobPlan;
import io.maskmill.store.ArtifactStore;
import io.maskmill.testing.PlannedJobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The ledger's instance as the cluster runs it ({@code QUARKUS_FUNQY_EXPORT=ledger}) takes the
 * Broker's dead letters: an event a stage could not take after the retries, unchanged but for
 * Knative's error extensions, becomes that sample's failure, with the stage and what it answered.
 */
@QuarkusTest
@TestProfile(DeadLetterTest.LedgerInstance.class)
class DeadLetterTest {
    public static class LedgerInstance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "ledger");
        }
    }

    @Inject
    ArtifactStore store;

    @Test
    void aDeadLetteredStageEventIsTheSamplesFailureWithItsReason() {
        String job = "dead-" + Long.toString(System.nanoTime(), 36);
        PlannedJobs.write(store, job, List.of("dog"), List.of(new JobPlan.PlannedSample("s000000", "dog", "a dog", 1),
                new JobPlan.PlannedSample("s000001", "dog", "a dog", 2)));
        String header = "{\"jobId\":\"" + job + "\",\"sampleId\":\"s000001\",\"attempt\":1,\"className\":\"dog\","
                + "\"classes\":[\"dog\"]}";
        String generated = "{\"sample\":" + header + ",\"artifacts\":{},\"params\":{}}";
        // not a dead letter: this instance serves only the ledger
        given().contentType("application/json").header("ce-id", "x1").header("ce-source", "/maskmill/sample")
                .header("ce-specversion", "1.0").header("ce-type", "maskmill.sample.generated").body(generated).post("/")
                .then().statusCode(400).body("error", containsString("this instance serves only 'ledger'"));
        given().contentType("application/json").header("ce-id", "x1").header("ce-source", "/maskmill/sample")
                .header("ce-specversion", "1.0").header("ce-type", "maskmill.sample.generated")
                .header("ce-knativeerrordest", "http://maskmill-optimize.maskmill.svc.cluster.local")
                .header("ce-knativeerrorcode", "500")
                .header("ce-knativeerrordata", Base64.getEncoder().encodeToString(
                        "{\"status\":500,\"error\":\"out of memory\"}".getBytes(StandardCharsets.UTF_8)))
                .body(generated).post("/").then().statusCode(204);
        given().get("/jobs/" + job).then().statusCode(200).body("failed", equalTo(1)).body("state", equalTo("running"));
        given().get("/jobs/" + job + "/samples?state=failed").then().statusCode(200)
                .body("samples.sampleId", contains("s000001")).body("samples[0].stage", equalTo("optimize"))
                .body("samples[0].reason", containsString("dead-lettered after the broker's retries: optimize answered 500"))
                .body("samples[0].reason", containsString("out of memory"));
    }

    /** A batch the retries could not take fails each of its samples that has not ended; an ended one stays ended. */
    @Test
    void aDeadLetteredBatchFailsEachOfItsSamplesThatHadNotEnded() {
        String job = "dead-batch-" + Long.toString(System.nanoTime(), 36);
        List<JobPlan.PlannedSample> plan = new java.util.ArrayList<>();
        List<String> headers = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            plan.add(new JobPlan.PlannedSample("s00000" + i, "dog", "a dog", 10 + i));
            headers.add("{\"jobId\":\"" + job + "\",\"sampleId\":\"s00000" + i + "\",\"attempt\":1,\"className\":\"dog\","
                    + "\"classes\":[\"dog\"],\"prompt\":\"a dog\",\"seed\":" + (10 + i) + "}");
        }
        PlannedJobs.write(store, job, List.of("dog"), plan);
        // s000000 completed before the batch failed for good (harmonize's marker, then its outcome)
        store.put(io.maskmill.store.ArtifactKeys.stageMarker(job, "s000000", "harmonize"), "{}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        given().contentType("application/json").header("ce-id", "c0").header("ce-source", "/maskmill/harmonize")
                .header("ce-specversion", "1.0").header("ce-type", "maskmill.sample.completed")
                .body("{\"sample\":" + headers.get(0) + ",\"artifacts\":{},\"params\":{}}").post("/").then().statusCode(204);
        given().contentType("application/json").header("ce-id", "b1").header("ce-source", "/maskmill/ingest")
                .header("ce-specversion", "1.0").header("ce-type", "maskmill.sample.batch.requested")
                .header("ce-knativeerrordest", "http://maskmill-sample.maskmill.svc.cluster.local")
                .header("ce-knativeerrorcode", "503")
                .body("{\"samples\":[" + String.join(",", headers) + "],\"params\":{}}").post("/").then().statusCode(204);
        given().get("/jobs/" + job).then().statusCode(200).body("completed", equalTo(1)).body("failed", equalTo(2));
        given().get("/jobs/" + job + "/samples?state=failed").then().statusCode(200)
                .body("samples.sampleId", contains("s000001", "s000002")).body("samples[0].stage", equalTo("sample"))
                .body("samples[1].reason", containsString("dead-lettered after the broker's retries: sample answered 503"));
    }
}
