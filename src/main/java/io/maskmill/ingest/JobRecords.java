package io.maskmill.ingest;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;

/**
 * Reads a job's spec and plan back from the store, for stages that need the job's context. Both
 * are immutable once written (a different job under the same id is refused), so the last few jobs'
 * are kept: a stage reads them for every sample, and a plan can hold thousands of samples.
 */
@ApplicationScoped
public class JobRecords {
    private static final int JOBS_KEPT = 16;

    private final ArtifactStore store;
    private final ObjectMapper json;
    private final Map<String, JobPlan.Spec> specs = recent();
    private final Map<String, List<JobPlan.PlannedSample>> plans = recent();

    public JobRecords(ArtifactStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    public JobPlan.Spec spec(String jobId) {
        return specs.computeIfAbsent(jobId, id -> read(ArtifactKeys.jobSpec(id), new TypeReference<JobPlan.Spec>() {
        }));
    }

    public List<JobPlan.PlannedSample> samples(String jobId) {
        return plans.computeIfAbsent(jobId, id -> List.copyOf(read(ArtifactKeys.plan(id),
                new TypeReference<List<JobPlan.PlannedSample>>() {
                })));
    }

    /** A small synchronized map that forgets the least recently used job. */
    private static <V> Map<String, V> recent() {
        return Collections.synchronizedMap(new LinkedHashMap<>(JOBS_KEPT, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > JOBS_KEPT;
            }
        });
    }

    private <T> T read(String key, TypeReference<T> type) {
        try {
            return json.readValue(store.get(key), type);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt job record " + key + ": " + e.getMessage(), e);
        }
    }
}
