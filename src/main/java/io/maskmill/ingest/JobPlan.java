package io.maskmill.ingest;

import java.util.List;
import java.util.Map;

import io.maskmill.events.Prompt;

/**
 * A validated job and its samples, as stored at {@code jobs/{job}/job.json} and {@code plan.json}.
 * Everything here follows deterministically from the request, so replanning gives the same bytes.
 */
public record JobPlan(Spec spec, List<PlannedSample> samples) {

    /** The job as validated: the source it came from, its class map, prompts and settings. */
    public record Spec(String jobId, String source, List<String> classes, List<Prompt> prompts, int imagesPerClass,
            long seed, Map<String, String> options) {
    }

    public record PlannedSample(String sampleId, String className, String prompt, long seed) {
    }
}
