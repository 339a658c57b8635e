package io.maskmill.events;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What every per-sample event carries: which sample, which delivery attempt, the job's class
 * map (label 0 is background, label i+1 is {@code classes[i]}, 255 is ignore), and the sample's
 * prompt and seed from the job's plan, so every stage downstream sees what the sample was made
 * from (thesaurus reads the prompt's scene words, place seeds its draws with the seed).
 *
 * @param prompt the planned prompt (absent in headers written before it travelled)
 * @param seed   the sample's seed, SplitMix64 of the job seed and the sample's index (absent likewise)
 */
public record SampleHeader(String jobId, String sampleId, int attempt, String className, List<String> classes,
        @JsonInclude(JsonInclude.Include.NON_NULL) String prompt, @JsonInclude(JsonInclude.Include.NON_NULL) Long seed) {
    public SampleHeader {
        Ids.requireJobId(jobId);
        Ids.requireSampleId(sampleId);
        if (attempt < 1) {
            throw new InvalidInputException("attempt must be >= 1, was " + attempt);
        }
        if (classes == null || classes.isEmpty()) {
            throw new InvalidInputException("classes (the class map) is missing");
        }
        if (className == null || !classes.contains(className)) {
            throw new InvalidInputException("className '" + className + "' is not in the class map " + classes);
        }
        classes = List.copyOf(classes);
    }

    /** A header without prompt and seed (tests, imported datasets). */
    public SampleHeader(String jobId, String sampleId, int attempt, String className, List<String> classes) {
        this(jobId, sampleId, attempt, className, classes, null, null);
    }

    /** The same sample, for another delivery attempt. */
    public SampleHeader withAttempt(int next) {
        return new SampleHeader(jobId, sampleId, next, className, classes, prompt, seed);
    }

    /** For the payloads that carry a header: a missing one is bad input, said plainly. */
    public static SampleHeader required(SampleHeader sample) {
        if (sample == null) {
            throw new InvalidInputException("sample header is missing");
        }
        return sample;
    }

    /** An immutable, key-ordered copy of a string map from a payload; absent means empty. */
    public static Map<String, String> copy(Map<String, String> map) {
        return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(map));
    }

    /** The label of this sample's class in the class map. */
    public int label() {
        return classes.indexOf(className) + 1;
    }
}
