package io.maskmill.ledger;

import java.util.ArrayList;
import java.util.List;

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
     * The failure events for {@code event}: one for its sample, or one per sample of a batch
     * ({@code samples}); none if it is about no sample or was itself for the ledger (the ledger's own
     * failures are logged, never fed back to it).
     */
    public static List<OutgoingEvent> of(OutgoingEvent event, Throwable failure, ObjectMapper json) {
        String consumer = event.type().consumer().orElse(null);
        if (consumer == null || LedgerFunction.NAME.equals(consumer)) {
            return List.of();
        }
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        List<OutgoingEvent> out = new ArrayList<>();
        for (SampleHeader header : headers(json.valueToTree(event.data()), json)) {
            SampleFailed failed = new SampleFailed(header, consumer, event.type().type(), reason);
            out.add(OutgoingEvent.of(EventType.SAMPLE_FAILED, "/maskmill/embedded", header.jobId(), header.sampleId(),
                    failed));
        }
        return out;
    }

    /** The samples an event's data names: its {@code sample}, or every one of a batch's {@code samples}. */
    static List<SampleHeader> headers(JsonNode data, ObjectMapper json) {
        if (data == null) {
            return List.of();
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (data.path("sample").isObject()) {
            nodes.add(data.get("sample"));
        } else if (data.path("samples").isArray()) {
            data.get("samples").forEach(nodes::add);
        }
        List<SampleHeader> headers = new ArrayList<>();
        for (JsonNode node : nodes) {
            try {
                headers.add(json.treeToValue(node, SampleHeader.class));
            } catch (Exception unreadable) {
                // not a header: nothing to record for it
            }
        }
        return headers;
    }
}
