package io.maskmill.ledger;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.EventType;
import io.maskmill.events.InvalidInputException;
import io.maskmill.events.JobPlanned;
import io.maskmill.events.MaskmillFunction;
import io.maskmill.events.SampleCompleted;
import io.maskmill.events.SampleFailed;
import io.maskmill.events.SampleHeader;
import io.maskmill.events.SampleRejected;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;

/**
 * The ledger function: sample outcomes and dead letters in, nothing out (it publishes the export
 * request itself, once). Thin: {@link JobLedger} keeps the books.
 *
 * <p>Dead letters are the events a stage could not take after the Broker's retries: Knative sends
 * them to the dead-letter sink unchanged, with the extensions {@code knativeerrordest},
 * {@code knativeerrorcode} and {@code knativeerrordata}. Any per-sample type carrying them is
 * recorded as that sample's failure at the stage that consumes its type.
 */
@ApplicationScoped
public class LedgerFunction implements MaskmillFunction {
    public static final String NAME = "ledger";
    /** The extension Knative sets on every dead-lettered event. */
    public static final String DEAD_LETTER = "knativeerrordest";

    private final JobLedger ledger;
    private final ObjectMapper json;

    public LedgerFunction(JobLedger ledger, ObjectMapper json) {
        this.ledger = ledger;
        this.json = json;
    }

    /*
     * Funqy routes a CloudEvent by one trigger type per function, so each further type the ledger takes
     * has an alias with its own trigger (application.properties). The ledger's Knative Service exports
     * "ledger" alone, which then receives every type its Triggers deliver, dead letters included.
     */

    @Funq("ledger-planned")
    public void planned(CloudEvent<byte[]> event) {
        ledger(event);
    }

    @Funq("ledger-rejected")
    public void rejected(CloudEvent<byte[]> event) {
        ledger(event);
    }

    @Funq("ledger-failed")
    public void failed(CloudEvent<byte[]> event) {
        ledger(event);
    }

    @Funq(NAME)
    public void ledger(CloudEvent<byte[]> event) {
        EventType type = EventType.of(event.type())
                .orElseThrow(() -> new InvalidInputException("ledger does not handle events of type " + event.type()));
        byte[] data = event.data() == null ? new byte[0] : event.data();
        Map<String, String> extensions = event.extensions() == null ? Map.of() : event.extensions();
        if (extensions.containsKey(DEAD_LETTER) && !NAME.equals(type.consumer().orElse(null))) {
            deadLetter(type, data, extensions);
            return;
        }
        switch (type) {
            case JOB_PLANNED -> ledger.planned(read(data, JobPlanned.class, type));
            case SAMPLE_COMPLETED -> ledger.ended(read(data, SampleCompleted.class, type).sample(), Outcome.COMPLETED,
                    "harmonize", "");
            case SAMPLE_REJECTED -> {
                SampleRejected r = read(data, SampleRejected.class, type);
                ledger.ended(r.sample(), Outcome.REJECTED, r.stage(), r.reason());
            }
            case SAMPLE_FAILED -> {
                SampleFailed f = read(data, SampleFailed.class, type);
                ledger.ended(f.sample(), Outcome.FAILED, f.stage(), f.reason());
            }
            default -> throw new InvalidInputException("ledger does not handle events of type " + type
                    + " unless they are dead letters (extension " + DEAD_LETTER + ")");
        }
    }

    /**
     * A per-sample event the Broker gave up on: its sample failed at the stage that consumes its type.
     * A batch's samples fail each, except those that ended meanwhile (the batch got that far before).
     */
    private void deadLetter(EventType type, byte[] data, Map<String, String> extensions) {
        JsonNode event;
        try {
            event = json.readTree(data);
        } catch (IOException e) {
            throw new InvalidInputException("dead-lettered " + type + " data is not JSON: " + e.getMessage(), e);
        }
        List<SampleHeader> headers = Failures.headers(event, json);
        if (headers.isEmpty()) {
            throw new InvalidInputException("dead-lettered " + type + " names no sample; nothing to record");
        }
        String stage = type.consumer().orElse("?");
        String reason = "dead-lettered after the broker's retries: " + stage + " answered "
                + extensions.getOrDefault("knativeerrorcode", "?")
                + (extensions.containsKey("knativeerrordata") ? ": " + decoded(extensions.get("knativeerrordata")) : "");
        if (headers.size() == 1 && event.path("sample").isObject()) {
            ledger.ended(headers.get(0), Outcome.FAILED, stage, reason);
            return;
        }
        for (SampleHeader header : headers) {
            try {
                ledger.ended(header, Outcome.FAILED, stage, reason);
            } catch (InvalidInputException ended) {
                // this one completed or was rejected before the batch failed for good: its end stands
            }
        }
    }

    /** Knative sends the last response body base64-encoded; shown as text when it is. */
    private static String decoded(String data) {
        try {
            return new String(java.util.Base64.getDecoder().decode(data), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return data;
        }
    }

    private <T> T read(byte[] data, Class<T> payload, EventType type) {
        try {
            return json.readValue(data, payload);
        } catch (IOException e) {
            throw new InvalidInputException(type + " data is not a valid " + payload.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }
}
