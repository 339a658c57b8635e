package io.maskmill.ingest;

import java.io.IOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;

/** Reads a job's spec and plan back from the store, for stages that need the job's context. */
@ApplicationScoped
public class JobRecords {
    private final ArtifactStore store;
    private final ObjectMapper json;

    public JobRecords(ArtifactStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    public JobPlan.Spec spec(String jobId) {
        return read(ArtifactKeys.jobSpec(jobId), new TypeReference<>() {
        });
    }

    public List<JobPlan.PlannedSample> samples(String jobId) {
        return read(ArtifactKeys.plan(jobId), new TypeReference<>() {
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
