package io.maskmill.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.maskmill.events.InvalidInputException;
import io.maskmill.events.Prompt;

/**
 * Plans classes × images-per-class samples. Each class cycles through its prompts; each sample's
 * seed is mixed from the job seed and the sample's index, so the same job always plans the same
 * samples with the same seeds, on any machine.
 */
public final class JobPlanner {
    private final IngestConfig limits;

    public JobPlanner(IngestConfig limits) {
        this.limits = limits;
    }

    public JobPlan plan(String jobId, String source, List<String> requestedClasses, List<Prompt> prompts,
            Integer imagesPerClass, Long seed, Map<String, String> options) {
        int perClass = imagesPerClass == null ? limits.defaultImagesPerClass() : imagesPerClass;
        if (perClass < 1 || perClass > limits.maxImagesPerClass()) {
            throw new InvalidInputException("imagesPerClass must be between 1 and " + limits.maxImagesPerClass()
                    + " (maskmill.ingest.max-images-per-class), was " + perClass);
        }
        Map<String, List<String>> byClass = new LinkedHashMap<>();
        List<String> classes = requestedClasses == null ? List.of() : requestedClasses;
        classes.forEach(c -> byClass.put(c, new ArrayList<>()));
        for (Prompt p : prompts) {
            if (!classes.isEmpty() && !byClass.containsKey(p.className())) {
                throw new InvalidInputException("prompt '" + p.prompt() + "' has class '" + p.className()
                        + "', which is not one of the job's classes " + classes);
            }
            byClass.computeIfAbsent(p.className(), c -> new ArrayList<>()).add(p.prompt());
        }
        byClass.forEach((cls, list) -> {
            if (list.isEmpty()) {
                throw new InvalidInputException("class '" + cls + "' has no prompt");
            }
        });
        long total = (long) byClass.size() * perClass;
        if (total > limits.maxSamples()) {
            throw new InvalidInputException(byClass.size() + " classes × " + perClass + " images = " + total
                    + " samples; the limit is " + limits.maxSamples() + " (maskmill.ingest.max-samples)");
        }
        long jobSeed = seed == null ? 0L : seed;
        List<JobPlan.PlannedSample> samples = new ArrayList<>((int) total);
        int index = 0;
        for (Map.Entry<String, List<String>> e : byClass.entrySet()) {
            List<String> classPrompts = e.getValue();
            for (int i = 0; i < perClass; i++, index++) {
                samples.add(new JobPlan.PlannedSample(sampleId(index), e.getKey(),
                        classPrompts.get(i % classPrompts.size()), sampleSeed(jobSeed, index)));
            }
        }
        List<String> classMap = List.copyOf(byClass.keySet());
        Map<String, String> sortedOptions = options == null ? Map.of() : new TreeMap<>(options);
        return new JobPlan(new JobPlan.Spec(jobId, source, classMap, List.copyOf(prompts), perClass, jobSeed,
                sortedOptions), samples);
    }


    public static String sampleId(int index) {
        return String.format("s%06d", index);
    }

    /** SplitMix64's finaliser over (job seed, index): well spread, reproducible, independent of JDK versions. */
    public static long sampleSeed(long jobSeed, int index) {
        long z = jobSeed + (index + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
