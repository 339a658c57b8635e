package io.maskmill.ingest;

import static io.maskmill.testing.CloudEvents.binary;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.testing.Payloads;
import io.maskmill.testing.S3TestServerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** An upload of a prompt list to a real S3-compatible server starts a job, through the S3 source events. */
@QuarkusTest
@TestProfile(S3UploadTriggerTest.S3Store.class)
class S3UploadTriggerTest {
    public static class S3Store implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3TestServerResource.class));
        }
    }

    @Inject
    ArtifactStore store;

    private static void upload(String bucket, String key, String content) {
        try (S3Client s3 = S3TestServerResource.server().client()) {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/plain"), RequestBody.fromString(content));
        }
    }

    private List<String> jobSpecs() {
        return store.list("jobs/").stream().filter(k -> k.endsWith("/job.json")).toList();
    }

    @Test
    void anUploadUnderThePromptsPrefixStartsAJobAndRedeliveryReplansTheSameJob() {
        String bucket = S3TestServerResource.UPLOADS;
        upload(bucket, "prompts/two animals.txt", "dog: a dog on a beach\ncat: a cat on a sofa\n");
        List<String> before = jobSpecs();
        String notification = Payloads.s3Notification(bucket, "prompts/two+animals.txt");
        binary("dev.knative.connector.event.aws-sqs", notification).then().statusCode(204);
        // jobs of this upload only: other tests' jobs may be planned meanwhile in the shared store
        String source = "\"source\":\"s3://maskmill-uploads/prompts/two animals.txt\"";
        List<String> added = jobSpecs().stream().filter(k -> !before.contains(k))
                .filter(k -> new String(store.get(k), StandardCharsets.UTF_8).contains(source)).toList();
        assertEquals(1, added.size(), "one new job");
        String spec = new String(store.get(added.get(0)), StandardCharsets.UTF_8);
        assertTrue(spec.contains("\"source\":\"s3://maskmill-uploads/prompts/two animals.txt\""), spec);

        byte[] plan = store.get(added.get(0).replace("job.json", "plan.json"));
        binary("dev.knative.connector.event.aws-sqs", notification).then().statusCode(204);
        assertEquals(1, jobSpecs().stream().filter(k -> !before.contains(k))
                .filter(k -> new String(store.get(k), StandardCharsets.UTF_8).contains(source)).count(),
                "redelivery plans no second job");
        assertArrayEquals(plan, store.get(added.get(0).replace("job.json", "plan.json")), "same bytes");
    }

    @Test
    void uploadsOutsideThePrefixAreIgnored() {
        upload(S3TestServerResource.BUCKET, "other/list.txt", "dog: a dog\n");
        List<String> before = jobSpecs();
        binary("dev.knative.connector.event.aws-sqs", Payloads.s3Notification(S3TestServerResource.BUCKET, "other/list.txt"))
                .then().statusCode(204);
        assertEquals(before, jobSpecs());
    }

    @Test
    void theAwsS3SourceDeliversTheBodyWithTheKeyInExtensions() {
        binary("dev.knative.connector.event.aws-s3", "car: a car on a road\n".getBytes(StandardCharsets.UTF_8),
                Map.of("awss3key", "prompts/cars.txt", "awss3bucketname", S3TestServerResource.BUCKET))
                .then().statusCode(204);
        assertTrue(jobSpecs().stream().map(k -> new String(store.get(k), StandardCharsets.UTF_8))
                .anyMatch(s -> s.contains("s3://maskmill-test/prompts/cars.txt")));
    }

    @Test
    void theJobsApiReadsPromptListsFromS3AndReportsStatusFromIt() {
        upload(S3TestServerResource.BUCKET, "prompts/api.txt", "horse: a horse in a field\n");
        given().contentType("application/json")
                .body("{\"jobId\":\"s3-api\",\"promptList\":\"s3://maskmill-test/prompts/api.txt\",\"imagesPerClass\":2}")
                .post("/jobs").then().statusCode(202).body("samples", equalTo(2));
        assertTrue(store.exists(ArtifactKeys.plan("s3-api")));
        given().get("/jobs/s3-api").then().statusCode(200).body("planned", equalTo(2));
    }
}
