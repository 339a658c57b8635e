package io.maskmill.store;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.SampleHeader;

/**
 * The records a stage leaves for a sample: its marker (the output event, written last, so its
 * presence means every artifact before it is complete) or the sample's rejection. Job status counts them.
 */
public final class StageMarkers {
    private final ArtifactStore store;
    private final ObjectMapper json;

    public StageMarkers(ArtifactStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    public void finished(SampleHeader sample, String stage, Object outputEvent) {
        store.put(ArtifactKeys.stageMarker(sample.jobId(), sample.sampleId(), stage), bytes(outputEvent),
                "application/json");
    }

    public void rejected(SampleHeader sample, String stage, String reason) {
        store.put(ArtifactKeys.rejected(sample.jobId(), sample.sampleId()),
                bytes(Map.of("stage", stage, "reason", reason)), "application/json");
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
