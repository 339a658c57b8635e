package io.maskmill.events;

import java.util.List;

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

    /** The label of this sample's class in the class map. */
    public int label() {
        return classes.indexOf(className) + 1;
    }
}
