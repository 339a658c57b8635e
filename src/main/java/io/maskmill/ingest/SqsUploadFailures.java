package io.maskmill.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.maskmill.events.InvalidInputException;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.aws.sqs.SqsFailureHandler;
import io.smallrye.reactive.messaging.aws.sqs.SqsMessage;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * What becomes of an upload notification that could not start its job ({@code failure-strategy=maskmill}):
 * <ul>
 * <li>malformed (not an S3 notification, a key or bucket that is refused, a prompt list that does not
 * parse): retrying cannot help, so it is sent to the dead-letter queue
 * ({@code maskmill.ingest.sqs.dead-letter-queue-url}) with the reason and deleted from the queue;</li>
 * <li>anything else (the store unreachable, the object not there yet): it becomes visible again after
 * {@code maskmill.ingest.sqs.retry-delay}, and the queue's redrive policy (maxReceiveCount) moves it
 * to the dead-letter queue if it keeps failing, so nothing is retried forever.</li>
 * </ul>
 */
@ApplicationScoped
@Identifier("maskmill")
public class SqsUploadFailures implements SqsFailureHandler.Factory {
    private static final Logger LOG = Logger.getLogger(SqsUploadFailures.class);
    /** The message attribute that says why a notification was dead-lettered. */
    public static final String REASON_ATTRIBUTE = "maskmill-error";

    private final Optional<String> deadLetterQueue;
    private final Duration retryDelay;

    public SqsUploadFailures(IngestConfig config) {
        this.deadLetterQueue = config.sqs().deadLetterQueueUrl();
        this.retryDelay = config.sqs().retryDelay();
    }

    @Override
    public SqsFailureHandler create(String channel, SqsAsyncClient client, Uni<String> queueUrl,
            BiConsumer<Throwable, Boolean> reportFailure) {
        return (SqsMessage<?> message, Metadata metadata, Throwable failure) -> {
            String receipt = message.getMessage().receiptHandle();
            if (isMalformed(failure) && deadLetterQueue.isPresent()) {
                String reason = String.valueOf(rootMessage(failure));
                LOG.warnf("Upload notification %s is malformed, dead-lettered: %s", message.getMessage().messageId(),
                        reason);
                return Uni.createFrom().completionStage(() -> client.sendMessage(b -> b.queueUrl(deadLetterQueue.get())
                        .messageBody(message.getMessage().body())
                        .messageAttributes(Map.of(REASON_ATTRIBUTE, MessageAttributeValue.builder().dataType("String")
                                .stringValue(reason.length() > 1000 ? reason.substring(0, 1000) : reason).build()))))
                        .chain(sent -> queueUrl)
                        .chain(url -> Uni.createFrom().completionStage(
                                () -> client.deleteMessage(b -> b.queueUrl(url).receiptHandle(receipt))))
                        .replaceWithVoid();
            }
            LOG.warnf("Upload notification %s failed, retried in %s: %s", message.getMessage().messageId(), retryDelay,
                    rootMessage(failure));
            int seconds = (int) Math.min(43_200, retryDelay.toSeconds()); // SQS's longest visibility timeout
            return queueUrl.chain(url -> Uni.createFrom().completionStage(() -> client.changeMessageVisibility(
                    b -> b.queueUrl(url).receiptHandle(receipt).visibilityTimeout(seconds)))).replaceWithVoid();
        };
    }

    /** Bad input anywhere in the causes: the same message can never succeed. */
    static boolean isMalformed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidInputException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidInputException) {
                return t.getMessage();
            }
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
