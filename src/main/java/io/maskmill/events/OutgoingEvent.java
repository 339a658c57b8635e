package io.maskmill.events;

/**
 * A CloudEvent Maskmill publishes. The id is deterministic ({@code job/sample/type}), so a
 * republished event is recognisably the same event.
 *
 * @param traceparent the W3C trace context the event was published in (the CloudEvents
 *                    distributed-tracing extension); null until a sink stamps it
 */
public record OutgoingEvent(String id, EventType type, String source, String subject, Object data,
        String traceparent) {

    public OutgoingEvent(String id, EventType type, String source, String subject, Object data) {
        this(id, type, source, subject, data, null);
    }

    public static OutgoingEvent of(EventType type, String source, String jobId, String sampleId, Object data) {
        String subject = sampleId == null ? jobId : jobId + "/" + sampleId;
        return new OutgoingEvent(subject + "/" + type.type(), type, source, subject, data);
    }

    /** The same event carrying {@code traceparent}. */
    public OutgoingEvent withTraceparent(String traceparent) {
        return new OutgoingEvent(id, type, source, subject, data, traceparent);
    }
}
