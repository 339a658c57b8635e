package io.maskmill.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.maskmill.events.InvalidInputException;
import io.maskmill.testing.S3TestServer;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 store against a real S3-compatible server with SigV4 on — no mock of the SDK. */
class S3ArtifactStoreTest extends ArtifactStoreContract {
    private static S3TestServer server;
    private static int buckets;
    private S3ArtifactStore store;
    private S3Client client;
    private String bucket;

    @BeforeAll
    static void start() throws Exception {
        server = new S3TestServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void open() {
        bucket = "store-test-" + (++buckets);
        server.createBucket(bucket);
        client = server.client();
        // A small multipart threshold, so the large-file test goes up in parts.
        store = new S3ArtifactStore(client, bucket, Set.of(bucket, "uploads"), 6 << 20, 5 << 20);
    }

    @Override
    ArtifactStore store() {
        return store;
    }

    @Test
    void contentTypesAreKept() {
        store.put("jobs/j1/samples/s000001/sample/image.png", new byte[] {1, 2, 3}, "image/png");
        assertEquals("image/png",
                client.headObject(b -> b.bucket(bucket).key("jobs/j1/samples/s000001/sample/image.png")).contentType());
    }

    @Test
    void readsObjectsOfOtherAllowedBuckets() {
        server.createBucket("uploads");
        client.putObject(b -> b.bucket("uploads").key("prompts/a.txt"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("dog: a dog"));
        assertEquals("dog: a dog", new String(store.get("uploads", "prompts/a.txt")));
    }

    @Test
    void wrongCredentialsAreRefusedByTheServer() {
        String previous = System.getProperty("aws.secretAccessKey");
        System.setProperty("aws.secretAccessKey", "wrong");
        try (S3Client wrong = server.client()) {
            var s3 = new S3ArtifactStore(wrong, bucket, Set.of(bucket), 16 << 20, 8 << 20);
            assertThrows(StoreException.class, () -> s3.put("jobs/x/job.json", new byte[1], "application/json"));
        } finally {
            System.setProperty("aws.secretAccessKey", previous);
        }
    }

    @Test
    void aStoreThatIsDownIsUnavailableAndTheSameCallsSucceedOnceItIsBack() throws Exception {
        store.put("jobs/down/job.json", "{}".getBytes(), "application/json");
        server.stop();
        try {
            var read = assertThrows(StoreUnavailableException.class, () -> store.get("jobs/down/job.json"));
            assertTrue(read.getMessage().contains("did not answer"), read.getMessage());
            assertThrows(StoreUnavailableException.class, () -> store.exists("jobs/down/job.json"));
            assertThrows(StoreUnavailableException.class, () -> store.list("jobs/down/"));
            assertThrows(StoreUnavailableException.class,
                    () -> store.put("jobs/down/plan.json", "[]".getBytes(), "application/json"));
        } finally {
            server.restart();
        }
        assertEquals("{}", new String(store.get("jobs/down/job.json")));
        store.put("jobs/down/plan.json", "[]".getBytes(), "application/json");
        assertEquals(List.of("jobs/down/job.json", "jobs/down/plan.json"), store.list("jobs/down/"));
    }

    @Test
    void urisOfAnotherBucketAreRefused() {
        var e = assertThrows(InvalidInputException.class, () -> store.keyOf(URI.create("s3://other/jobs/j1/job.json")));
        assertTrue(e.getMessage().contains("other"), e.getMessage());
        assertEquals("jobs/a b/c.json", store.keyOf(store.uri("jobs/a b/c.json")));
    }
}
