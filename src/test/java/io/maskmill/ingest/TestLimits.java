package io.maskmill.ingest;

/** Ingest limits for unit tests, small enough to hit. */
record TestLimits(String promptsPrefix, int maxBytes, int maxPrompts, int maxLineLength, int defaultImagesPerClass,
        int maxImagesPerClass, int maxSamples) implements IngestConfig {

    @Override
    public Sqs sqs() {
        return new Sqs() {
            @Override
            public java.util.Optional<String> deadLetterQueueUrl() {
                return java.util.Optional.empty();
            }

            @Override
            public java.time.Duration retryDelay() {
                return java.time.Duration.ofSeconds(30);
            }
        };
    }

    static TestLimits defaults() {
        return new TestLimits("prompts/", 4096, 20, 200, 1, 50, 100);
    }
}
