package io.maskmill.events;

/** A job's dataset, published under {@code uri}. */
public record DatasetExported(String jobId, String uri, int images) {
}
