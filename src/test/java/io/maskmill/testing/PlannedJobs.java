package io.maskmill.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.ingest.JobPlan;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;

/**
 * A job's spec and plan written straight into the store, as ingest writes them, for tests that play
 * a stage's upstream themselves: stages only take events about samples of a planned job.
 */
public final class PlannedJobs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlannedJobs() {
    }

    public static void write(ArtifactStore store, String job, List<String> classes, List<JobPlan.PlannedSample> samples) {
        try {
            store.put(ArtifactKeys.jobSpec(job), JSON.writeValueAsBytes(new JobPlan.Spec(job, "test", classes, List.of(),
                    1, 0, Map.of())), "application/json");
            store.put(ArtifactKeys.plan(job), JSON.writeValueAsBytes(samples), "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The job {@link Payloads} events are about: s000000..s000009, each a dog ("a dog", seed 7) of dog, cat. */
    public static void forPayloads(ArtifactStore store, String job) {
        List<JobPlan.PlannedSample> samples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            samples.add(new JobPlan.PlannedSample(String.format("s%06d", i), "dog", "a dog", 7));
        }
        write(store, job, List.of("dog", "cat"), samples);
    }

    /** One class for every sample id given, each planned with {@code prompt}. */
    public static void of(ArtifactStore store, String job, List<String> classes, String className, String prompt,
            String... sampleIds) {
        List<JobPlan.PlannedSample> samples = new ArrayList<>();
        for (String id : sampleIds) {
            samples.add(new JobPlan.PlannedSample(id, className, prompt, 0));
        }
        write(store, job, classes, samples);
    }
}
