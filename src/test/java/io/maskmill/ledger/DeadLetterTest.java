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
}
