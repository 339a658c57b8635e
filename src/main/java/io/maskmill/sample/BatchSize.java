package io.maskmill.sample;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * How many samples go through the UNet in one call ({@code maskmill.sample.batch-size}; {@code generate
 * --batch-size} sets it for its run). Ingest plans batches of this size; the sample stage runs a
 * larger batch (planned by an instance configured otherwise) in calls of at most this size, so an
 * instance's memory is sized for its own setting. A sample's bytes never depend on it.
 */
@Singleton
public class BatchSize {
    /** The most samples one batch event may carry. */
    public static final int MAX = io.maskmill.events.SampleBatchRequested.MAX;

    private volatile int size;

    @Inject
    public BatchSize(SampleConfig config) {
        this(config.batchSize());
    }

    public BatchSize(int size) {
        set(size);
    }

    public int get() {
        return size;
    }

    public void set(int size) {
        if (size < 1 || size > MAX) {
            throw new IllegalArgumentException("maskmill.sample.batch-size must be 1.." + MAX + ", was " + size);
        }
        this.size = size;
    }
}
