package io.maskmill.ingest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.maskmill.events.Prompt;

/**
 * A validated job and its samples, as stored at {@code jobs/{job}/job.json} and {@code plan.json}.
 * Everything here follows deterministically from the request, so replanning gives the same bytes.
 */
public record JobPlan(Spec spec, List<PlannedSample> samples) {

    /** The job as validated: the source it came from, its class map, prompts and settings. */
    @JsonIgnoreProperties(ignoreUnknown = true) // writers may record more (augment lists skipped files)
    public record Spec(String jobId, String source, List<String> classes, List<Prompt> prompts, int imagesPerClass,
            long seed, Map<String, String> options) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlannedSample(String sampleId, String className, String prompt, long seed) {
    }
}
