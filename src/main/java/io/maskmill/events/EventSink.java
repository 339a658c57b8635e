package io.maskmill.events;

/**
 * Where a function publishes events beyond its one response event (ingest's fan-out of one
 * {@code maskmill.sample.requested} per sample): the Knative Broker over HTTP, or the embedded broker.
 */
public interface EventSink {
    /** Publishes or throws: an event that could not be delivered is never silently dropped. */
    void publish(OutgoingEvent event);
}
