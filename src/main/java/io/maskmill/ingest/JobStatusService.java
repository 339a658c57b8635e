package io.maskmill.ingest;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.NoSuchArtifactException;

/** Reads a job's state off the store: its spec, its plan, and the markers each stage leaves per sample. */
@ApplicationScoped
public class JobStatusService {
    /** Stage order, for a stable, readable listing. */
    static final List<String> STAGES = List.of("sample", "optimize", "thesaurus", "place", "harmonize");
    /** The stage whose marker means a sample is complete. */
    static final String FINAL_STAGE = "harmonize";

    private final ArtifactStore store;
    private final ObjectMapper json;
    private final JobRecords jobs;

    public JobStatusService(ArtifactStore store, ObjectMapper json, JobRecords jobs) {
        this.store = store;
        this.json = json;
        this.jobs = jobs;
    }

    /** @throws NoSuchArtifactException if there is no such job */
    public JobStatus status(String jobId) {
        if (!store.exists(ArtifactKeys.jobSpec(jobId))) {
            throw new NoSuchArtifactException("no job '" + jobId + "'");
        }
        JobPlan.Spec spec = jobs.spec(jobId);
        int planned = jobs.samples(jobId).size();
        Map<String, Integer> stages = new LinkedHashMap<>();
        STAGES.forEach(s -> stages.put(s, 0));
        Map<String, String> rejections = new TreeMap<>();
        Map<String, String> failures = new TreeMap<>();
        Set<String> completedSamples = new HashSet<>();
        String prefix = ArtifactKeys.samples(jobId);
        for (String key : store.list(prefix)) {
            String[] parts = key.substring(prefix.length()).split("/");
            if (parts.length == 3 && parts[2].equals(ArtifactKeys.STAGE_MARKER)) {
                stages.merge(parts[1], 1, Integer::sum);
                if (parts[1].equals(FINAL_STAGE)) {
                    completedSamples.add(parts[0]);
                }
            } else if (parts.length == 2 && key.equals(ArtifactKeys.rejected(jobId, parts[0]))) {
                JsonNode rejection = read(key);
                rejections.put(parts[0], rejection.path("stage").asText() + ": " + rejection.path("reason").asText());
            } else if (parts.length == 2 && key.equals(ArtifactKeys.failed(jobId, parts[0]))) {
                failures.put(parts[0], read(key).path("error").asText());
            }
        }
        // A failure a later delivery got past (the sample completed or was rejected after all) is history.
        failures.keySet().removeAll(completedSamples);
        failures.keySet().removeAll(rejections.keySet());
        int completed = completedSamples.size();
        int rejected = rejections.size();
        int finished = completed + rejected + failures.size();
        String state;
        if (completed + rejected == planned) {
            state = "completed";
        } else if (finished >= planned && !failures.isEmpty()) {
            state = "failed";
        } else if (finished == 0 && stages.values().stream().allMatch(n -> n == 0)) {
            state = "planned";
        } else {
            state = "running";
        }
        return new JobStatus(jobId, state, spec.source(), spec.classes(), planned, stages, completed,
                rejected, failures.size(), rejections, failures);
    }

    private JsonNode read(String key) {
        try {
            return json.readTree(store.get(key));
        } catch (IOException e) {
            throw new IllegalStateException("corrupt job record " + key + ": " + e.getMessage(), e);
        }
    }
}
