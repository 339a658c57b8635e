package io.maskmill.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.maskmill.events.Prompt;

/**
 * A validated job and its samples, as stored at {@code jobs/{job}/job.json} and {@code plan.json}.
 * Everything here follows deterministically from the request, so replanning gives the same bytes.
 */
public record JobPlan(Spec spec, List<PlannedSample> samples) {

    /**
     * The samples in UNet batches of at most {@code size}: each run of one class in plan order, cut
     * every {@code size} samples. A job has one setting (its options), so a batch is one class of one
     * setting. The batches change how samples are computed together, never what any sample is.
     */
    public List<List<PlannedSample>> batches(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + size);
        }
        List<List<PlannedSample>> batches = new ArrayList<>();
        List<PlannedSample> current = new ArrayList<>();
        for (PlannedSample s : samples) {
            if (!current.isEmpty() && (current.size() == size || !current.get(0).className().equals(s.className()))) {
                batches.add(List.copyOf(current));
                current.clear();
            }
            current.add(s);
        }
        if (!current.isEmpty()) {
            batches.add(List.copyOf(current));
        }
        return batches;
    }

    /** The job as validated: the source it came from, its class map, prompts and settings. */
    @JsonIgnoreProperties(ignoreUnknown = true) // writers may record more (augment lists skipped files)
    public record Spec(String jobId, String source, List<String> classes, List<Prompt> prompts, int imagesPerClass,
            long seed, Map<String, String> options) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlannedSample(String sampleId, String className, String prompt, long seed) {
    }
}
