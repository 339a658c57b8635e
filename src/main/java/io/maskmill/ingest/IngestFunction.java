package io.maskmill.ingest;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.EventType;
import io.maskmill.events.InvalidInputException;
import io.maskmill.events.JobRequested;
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
    private final ObjectMapper json;

    public IngestFunction(IngestService ingest, ObjectMapper json) {
        this.ingest = ingest;
        this.json = json;
    }

    @Funq("ingest")
    public void ingest(CloudEvent<byte[]> event) {
        EventType type = EventType.of(event.type())
                .orElseThrow(() -> new InvalidInputException("ingest does not handle events of type " + event.type()));
        byte[] data = event.data() == null ? new byte[0] : event.data();
        switch (type) {
            case JOB_REQUESTED -> ingest.submit(read(data));
            case S3_NOTIFICATION -> ingest.onS3Notification(data);
            case S3_OBJECT -> ingest.onS3Object(data, event.extensions());
            default -> throw new InvalidInputException("ingest does not handle events of type " + type);
        }
    }

    private JobRequested read(byte[] data) {
        try {
            return json.readValue(data, JobRequested.class);
        } catch (IOException e) {
            throw new InvalidInputException("maskmill.job.requested data is not a job request: " + e.getMessage(), e);
        }
    }
}
