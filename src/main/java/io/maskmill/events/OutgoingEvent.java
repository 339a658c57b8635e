package io.maskmill.events;

/**
 * A CloudEvent Maskmill publishes. The id is deterministic ({@code job/sample/type}), so a
 * republished event is recognisably the same event.
 */
public record OutgoingEvent(String id, EventType type, String source, String subject, Object data) {

    public static OutgoingEvent of(EventType type, String source, String jobId, String sampleId, Object data) {
        String subject = sampleId == null ? jobId : jobId + "/" + sampleId;
        return new OutgoingEvent(subject + "/" + type.type(), type, source, subject, data);
    }
}
