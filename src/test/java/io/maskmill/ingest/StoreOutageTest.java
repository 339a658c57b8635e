package io.maskmill.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.maskmill.testing.CloudEvents;
import io.maskmill.testing.Payloads;
import io.maskmill.testing.S3TestServer;
import io.maskmill.testing.S3TestServerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The S3 server (S3Proxy, real SigV4) goes down for 20 s in the middle of a job and comes back:
 * the API answers 503 with a JSON body meanwhile, the stages' store calls fail, the embedded
 * broker delivers their events again after a back-off, and the job completes with every sample
 * accounted for and none failed.
 */
@QuarkusTest
@TestProfile(S3UploadTriggerTest.S3Store.class)
class StoreOutageTest {
    private static final int CLASSES = 2;
    private static final int PER_CLASS = 5;

    @Test
    void aJobSurvivesTheStoreGoingDownForTwentySeconds() throws Exception {
        String id = "outage-1";
        given().contentType("application/json")
                .body("{\"jobId\":\"" + id + "\",\"prompts\":[\"dog: a dog on the grass\",\"cat: a cat on a sofa\"],"
                        + "\"imagesPerClass\":" + PER_CLASS + ",\"seed\":3}")
                .post("/jobs").then().statusCode(202);
        awaitSampled(id, 2);

        S3TestServer s3 = S3TestServerResource.server();
        s3.stop();
        try {
            long down = System.nanoTime();
            given().get("/jobs/" + id).then().statusCode(503).contentType("application/json")
                    .header("Retry-After", "5").body("status", equalTo(503))
                    .body("error", containsString("the store is unavailable; retry later"));
            given().contentType("application/json").body("{\"jobId\":\"outage-2\",\"prompts\":[\"dog: a dog\"]}")
                    .post("/jobs").then().statusCode(503).contentType("application/json");
            // a stage that cannot reach the store answers 503, so a Knative Broker would deliver again
            CloudEvents.binary("maskmill.sample.requested", Payloads.sampleRequested("outage-3", "s000000")).then()
                    .statusCode(503).contentType("application/json").body("error", containsString("did not answer"));
            Thread.sleep(Math.max(0, Duration.ofSeconds(20).toMillis() - (System.nanoTime() - down) / 1_000_000));
        } finally {
            s3.restart();
        }

        JsonPath status = awaitEnded(id, Duration.ofMinutes(4));
        assertEquals("completed", status.getString("state"), status.prettify());
        assertEquals(CLASSES * PER_CLASS, status.getInt("planned"));
        assertEquals(0, status.getInt("failed"), status.prettify());
        assertEquals(CLASSES * PER_CLASS, status.getInt("completed") + status.getInt("rejected"), status.prettify());
        assertEquals(CLASSES * PER_CLASS, status.getInt("stages.sample"), "every sample was generated: " + status.prettify());
        given().contentType("application/json").body("{\"jobId\":\"outage-2\",\"prompts\":[\"dog: a dog\"]}")
                .post("/jobs").then().statusCode(202);
    }

    private static void awaitSampled(String id, int samples) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath status = given().get("/jobs/" + id).then().statusCode(200).extract().jsonPath();
            if (status.getInt("stages.sample") >= samples) {
                assertTrue(status.getInt("completed") + status.getInt("rejected") < CLASSES * PER_CLASS,
                        "the job must still be running when the store goes down: " + status.prettify());
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not get going");
    }

    private static JsonPath awaitEnded(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var response = given().get("/jobs/" + id);
            if (response.statusCode() == 200) {
                JsonPath status = response.jsonPath();
                String state = status.getString("state");
                if (state.equals("completed") || state.equals("failed") || System.nanoTime() > deadline) {
                    return status;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no status of " + id + ": " + response.asString());
            }
            Thread.sleep(200);
        }
    }
}
