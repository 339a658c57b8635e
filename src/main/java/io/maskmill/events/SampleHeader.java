package io.maskmill.events;

import java.util.List;
import java.util.Map;

/**
 * What every per-sample event carries: which sample, which delivery attempt, and the job's class
 * map (label 0 is background, label i+1 is {@code classes[i]}, 255 is ignore).
 */
public record SampleHeader(String jobId, String sampleId, int attempt, String className, List<String> classes) {
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
