package io.maskmill.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code maskmill.ingest.*}: where uploads start jobs, and the limits on what a job may ask for. */
@ConfigMapping(prefix = "maskmill.ingest")
public interface IngestConfig {
    /** An upload under this prefix of an allowed bucket starts a job. */
    @WithDefault("prompts/")
    String promptsPrefix();

    /** Largest prompt list accepted, in bytes. */
    @WithDefault("1048576")
    int maxBytes();

    /** Most prompts in one list. */
    @WithDefault("10000")
    int maxPrompts();

    /** Longest line (text and JSONL) or prompt, in characters. */
    @WithDefault("2000")
    int maxLineLength();

    /** Images per class when the request does not say. */
    @WithDefault("1")
    int defaultImagesPerClass();

    @WithDefault("10000")
    int maxImagesPerClass();

    /** Most samples (classes × images per class) in one job. */
    @WithDefault("100000")
    int maxSamples();

    /** Uploads read from SQS ({@link SqsUploads}; the channel itself is {@code mp.messaging.incoming.prompt-uploads.*}). */
    Sqs sqs();

    interface Sqs {
        /** Where malformed notifications go, with the reason; absent: the queue's redrive policy decides. */
        java.util.Optional<String> deadLetterQueueUrl();

        /** How long a notification that failed for another reason stays invisible before it is retried. */
        @WithDefault("30s")
        java.time.Duration retryDelay();
    }
}
