package io.maskmill.events;

import static io.maskmill.testing.CloudEvents.binary;
import static io.maskmill.testing.CloudEvents.structured;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.testing.Payloads;
import io.quarkus.test.junit.QuarkusTest;

/** Every function receives real CloudEvents over HTTP, in binary and structured mode; bad ones get a clear 4xx. */
@QuarkusTest
class FunctionsOverHttpTest {
    @Inject
    ArtifactStore store;

    @Test
    void ingestPlansAJobFromABinaryModeEvent() {
        binary("maskmill.job.requested", Payloads.jobRequested("fn-binary", "[{\"class\":\"dog\",\"prompt\":\"a dog\"}]"))
                .then().statusCode(204);
        assertTrue(store.exists(ArtifactKeys.jobSpec("fn-binary")));
        assertTrue(store.exists(ArtifactKeys.plan("fn-binary")));
    }

    @Test
    void ingestPlansAJobFromAStructuredModeEvent() {
        structured("maskmill.job.requested", Payloads.jobRequested("fn-structured", "[\"a cat\"]").replace("\"prompts\"",
                "\"classes\":[\"cat\"],\"prompts\"")).then().statusCode(204);
        assertTrue(store.exists(ArtifactKeys.plan("fn-structured")));
    }

    @Test
    void anEventAboutAJobTheStoreDoesNotHoldIsA422() {
        binary("maskmill.mask.refined", Payloads.stageOutput("fn-no-such-job", "s000001")).then().statusCode(422)
                .body("error", containsString("jobs/fn-no-such-job/plan.json"));
        structured("maskmill.mask.refined", Payloads.stageOutput("fn-no-such-job", "s000001")).then().statusCode(422);
    }

    @Test
    void malformedJsonIsA400ThatSaysWhere() {
        binary("maskmill.sample.requested", "{\"sample\": {\"jobId\": ").then().statusCode(400)
                .body("error", containsString("line 1, column"));
        structured("maskmill.sample.requested", "{\"sample\": [}").then().statusCode(400)
                .body("error", containsString("not valid JSON"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ce-id", "ce-source", "ce-specversion", "ce-type" })
    void missingCeHeadersAreNamed(String missing) {
        var request = given().contentType("application/json").body(Payloads.sampleRequested("j", "s1"));
        Map.of("ce-id", "1", "ce-source", "/t", "ce-specversion", "1.0", "ce-type", "maskmill.sample.requested")
                .forEach((h, v) -> {
                    if (!h.equals(missing)) {
                        request.header(h, v);
                    }
                });
        request.post("/").then().statusCode(400).body("error", equalTo("CloudEvent header " + missing + " is missing"));
    }

    @Test
    void unknownAndTerminalTypesAreRefused() {
        binary("com.example.unknown", "{}").then().statusCode(400).body("error", containsString("unknown event type"));
        binary("maskmill.dataset.exported", "{}").then().statusCode(400).body("error", containsString("terminal"));
    }

    @Test
    void notACloudEventAtAll() {
        given().contentType("text/plain").body("hello").post("/").then().statusCode(400)
                .body("error", containsString("not a CloudEvent"));
        given().contentType("application/cloudevents-batch+json").body("[]").post("/").then().statusCode(400)
                .body("error", containsString("batched"));
        given().header("ce-specversion", "0.3").header("ce-id", "1").header("ce-source", "/t")
                .header("ce-type", "maskmill.sample.requested").contentType("application/json")
                .body(Payloads.sampleRequested("j", "s1")).post("/").then().statusCode(400)
                .body("error", containsString("specversion '0.3'"));
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = Payloads.sampleRequested("j", "s1").getBytes(StandardCharsets.UTF_8);
        body[30] = (byte) 0xc3;
        body[31] = (byte) 0x28;
        binary("maskmill.sample.requested", body, Map.of()).then().statusCode(400)
                .body("error", containsString("not valid UTF-8 at byte 30"));
    }

    @Test
    void payloadsThatDoNotBindAreRefusedWithTheField() {
        binary("maskmill.sample.requested", "{\"prompt\":\"a dog\",\"seed\":1}").then().statusCode(400)
                .body("error", containsString("sample header is missing"));
        binary("maskmill.sample.requested", Payloads.sampleRequested("Bad/../Job", "s1")).then().statusCode(400)
                .body("error", containsString("jobId 'Bad/../Job' is not valid"));
        binary("maskmill.sample.requested", Payloads.sampleRequested("j", "s1").replace("\"dog\",\"cat\"", "\"cat\""))
                .then().statusCode(400).body("error", containsString("className 'dog' is not in the class map"));
    }

    @Test
    void badJobsAreRefusedAndLeaveNothingBehind() {
        binary("maskmill.job.requested", Payloads.jobRequested("fn-bad-1", "[\"a horse\"]")).then().statusCode(400)
                .body("error", containsString("no class given"));
        binary("maskmill.job.requested", "{\"jobId\":\"fn-bad-2\",\"promptList\":\"prompts/../../etc/passwd\"}")
                .then().statusCode(400).body("error", containsString("'..' segment"));
        binary("maskmill.job.requested", "{\"jobId\":\"fn-bad-3\",\"promptList\":\"s3://foreign/prompts/a.txt\"}")
                .then().statusCode(400).body("error", containsString("bucket 'foreign' is not allowed"));
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 10_001; i++) {
            many.append(i == 0 ? "" : ",").append("{\"class\":\"dog\",\"prompt\":\"a dog\"}");
        }
        binary("maskmill.job.requested", Payloads.jobRequested("fn-bad-4", many + "]")).then().statusCode(400)
                .body("error", containsString("10001 prompts; the limit is 10000"));
        for (String job : new String[] { "fn-bad-1", "fn-bad-2", "fn-bad-3", "fn-bad-4" }) {
            assertFalse(store.exists(ArtifactKeys.jobSpec(job)), job);
        }
    }

    @Test
    void s3NotificationsNamingForeignBucketsOrEscapingKeysAreRefused() {
        binary("dev.knative.connector.event.aws-sqs", Payloads.s3Notification("foreign", "prompts/a.txt")).then()
                .statusCode(400).body("error", containsString("bucket that is not allowed"));
        binary("dev.knative.connector.event.aws-sqs", Payloads.s3Notification("maskmill", "prompts/../jobs/x.txt"))
                .then().statusCode(400).body("error", containsString("'..' segment"));
        binary("dev.knative.connector.event.aws-sqs", "{\"Records\": 3}").then().statusCode(400)
                .body("error", containsString("no \"Records\" array"));
    }

    @Test
    void s3TestEventsAreAcknowledgedAndIgnored() {
        binary("dev.knative.connector.event.aws-sqs", "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"}").then()
                .statusCode(204);
    }
}
