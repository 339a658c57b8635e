package io.maskmill.export;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.maskmill.events.SampleHeader;

/**
 * What a job has in the store when it is exported: its class map, its finished samples (with every
 * stage marker they passed), the samples dropped and the ones that failed.
 *
 * @param fingerprint a digest of every marker read, so the same job state names the same dataset version
 */
public record JobContents(String jobId, List<String> classes, List<Completed> completed, List<Rejection> rejected,
        List<Failure> failed, List<ExportProblem> problems, String fingerprint) {

    /**
     * A sample whose harmonize marker is present.
     *
     * @param artifacts the harmonize marker's artifacts (image, mask, objects)
     * @param stages    stage name to that stage's marker (its output event), in pipeline order
     * @param planned   the sample's entry in plan.json, if any (prompt, seed)
     */
    public record Completed(String sampleId, SampleHeader header, Map<String, String> artifacts,
            Map<String, JsonNode> stages, JsonNode planned) {
    }

    /** A sample a stage dropped ({@code rejected.json}), optionally with its quality score. */
    public record Rejection(String sampleId, String stage, String reason) {
    }

    /** A sample whose last delivery failed ({@code failed.json}). */
    public record Failure(String sampleId, String function, String error) {
    }
}
