package io.maskmill.ledger;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.EventType;
import io.maskmill.events.OutgoingEvent;
import io.maskmill.events.SampleFailed;
import io.maskmill.events.SampleHeader;

/** Turns a delivery that failed for good into the {@code maskmill.sample.failed} event the ledger records. */
public final class Failures {
    private Failures() {
    }

    /**
     * The failure event for {@code event}, if it is about a sample and was not itself for the ledger
     * (the ledger's own failures are logged, never fed back to it).
     */
    public static Optional<OutgoingEvent> of(OutgoingEvent event, Throwable failure, ObjectMapper json) {
        String consumer = event.type().consumer().orElse(null);
        if (consumer == null || LedgerFunction.NAME.equals(consumer)) {
            return Optional.empty();
        }
        JsonNode sample = json.valueToTree(event.data()).get("sample");
        if (sample == null || !sample.isObject()) {
            return Optional.empty();
        }
        SampleHeader header;
        try {
            header = json.treeToValue(sample, SampleHeader.class);
        } catch (Exception e) {
            return Optional.empty();
        }
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        SampleFailed failed = new SampleFailed(header, consumer, event.type().type(), reason);
        return Optional.of(OutgoingEvent.of(EventType.SAMPLE_FAILED, "/maskmill/embedded", header.jobId(),
                header.sampleId(), failed));
    }
}
