package io.maskmill.ingest;

import jakarta.enterprise.context.ApplicationScoped;

import io.maskmill.events.EventType;
import io.maskmill.events.InvalidInputException;
import io.maskmill.events.MaskmillFunction;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;

/**
 * The ingest function: a job request, an S3 event notification or an uploaded object in; a
 * planned job and one {@code maskmill.sample.requested} per sample out (published, since one
 * response event cannot carry a fan-out).
 */
@ApplicationScoped
public class IngestFunction implements MaskmillFunction {
    private final IngestService ingest;

    public IngestFunction(IngestService ingest) {
        this.ingest = ingest;
    }

    @Funq("ingest")
    public void ingest(CloudEvent<byte[]> event) {
        EventType type = EventType.of(event.type())
                .orElseThrow(() -> new InvalidInputException("ingest does not handle events of type " + event.type()));
        byte[] data = event.data() == null ? new byte[0] : event.data();
        switch (type) {
            case JOB_REQUESTED -> ingest.submit(data);
            case S3_NOTIFICATION -> ingest.onS3Notification(data);
            case S3_OBJECT -> ingest.onS3Object(data, event.extensions());
            default -> throw new InvalidInputException("ingest does not handle events of type " + type);
        }
    }
}
