package io.maskmill.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.maskmill.store.ArtifactStore;
import io.maskmill.testing.ElasticMq;
import io.maskmill.testing.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Uploads through SQS with Reactive Messaging, against ElasticMQ: the bucket's notification starts
 * the job and is deleted only once the job is recorded; a notification that cannot start its job
 * yet stays in the queue and is retried; a malformed one is dead-lettered, not retried forever.
 */
@QuarkusTest
@TestProfile(SqsUploadsTest.ThroughSqs.class)
class SqsUploadsTest {
    public static class ThroughSqs implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ElasticMq.class));
        }
    }

    @Inject
    ArtifactStore store;

    @Test
    void aNotificationIsDeletedOnlyOnceItsJobIsRecorded() throws InterruptedException {
        String key = "prompts/sqs-" + Long.toString(System.nanoTime(), 36) + ".txt";
        byte[] prompts = "dog: a dog on the grass\n".getBytes(StandardCharsets.UTF_8);
        String queue = ElasticMq.queueUrl(ElasticMq.QUEUE);
        // the notification arrives before the object can be read: the job cannot be recorded, so it stays queued
        ElasticMq.client().sendMessage(b -> b.queueUrl(queue).messageBody(Payloads.s3Notification("maskmill", key)));
        await(() -> receives(queue) >= 1 || inQueue(queue) == 0, "the notification is received");
        String job = IngestService.uploadJobId(new S3Upload("maskmill", key), prompts);
        Thread.sleep(500);
        assertEquals(404, given().get("/jobs/" + job).statusCode());
        assertEquals(1, inQueue(queue), "not deleted while its job is not recorded");

        store.put(key, prompts, "text/plain");
        await(() -> inQueue(queue) == 0, "deleted once the job is recorded");
        given().get("/jobs/" + job).then().statusCode(200);
        assertTrue(store.exists("jobs/" + job + "/plan.json"));
        assertEquals(0, inQueue(ElasticMq.queueUrl(ElasticMq.DEAD_LETTERS)));
    }

    @Test
    void aMalformedNotificationIsDeadLetteredWithTheReason() throws InterruptedException {
        String queue = ElasticMq.queueUrl(ElasticMq.QUEUE);
        String dlq = ElasticMq.queueUrl(ElasticMq.DEAD_LETTERS);
        ElasticMq.client().sendMessage(b -> b.queueUrl(queue).messageBody("{\"not\": \"an S3 notification\"}"));
        await(() -> inQueue(dlq) == 1, "dead-lettered");
        assertEquals(0, inQueue(queue), "not left to be retried");
        Message dead = ElasticMq.client().receiveMessage(b -> b.queueUrl(dlq).messageAttributeNames("All")
                .waitTimeSeconds(1)).messages().get(0);
        assertEquals("{\"not\": \"an S3 notification\"}", dead.body());
        assertTrue(dead.messageAttributes().get("maskmill-error").stringValue().contains("no \"Records\""),
                dead.messageAttributes().toString());
        ElasticMq.client().deleteMessage(b -> b.queueUrl(dlq).receiptHandle(dead.receiptHandle()));
    }

    /** Messages in the queue, visible or being handled. */
    private static int inQueue(String queue) {
        Map<QueueAttributeName, String> a = ElasticMq.client().getQueueAttributes(b -> b.queueUrl(queue)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** How often the queue's messages have been received (ElasticMQ keeps the count in the not-visible ones). */
    private static int receives(String queue) {
        return Integer.parseInt(ElasticMq.client().getQueueAttributes(b -> b.queueUrl(queue)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
