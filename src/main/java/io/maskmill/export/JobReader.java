package io.maskmill.export;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.InvalidInputException;
import io.maskmill.events.SampleCompleted;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.NoSuchArtifactException;

/**
 * Collects a job's state from the store: the harmonize markers (finished samples), every earlier
 * stage marker of those samples (their provenance), rejected.json and failed.json. A marker that
 * cannot be read becomes an {@link ExportProblem}, never an abort.
 */
final class JobReader {
    /** Pipeline order of the stage markers gathered for provenance. */
    static final List<String> STAGES = List.of("sample", "optimize", "thesaurus", "place", "harmonize");
    static final String FINAL_STAGE = "harmonize";

    private final ArtifactStore store;
    private final ObjectMapper json;

    JobReader(ArtifactStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    JobContents read(String jobId) {
        String prefix = ArtifactKeys.samples(jobId);
        List<String> keys = store.list(prefix);
        if (keys.isEmpty() && !store.exists(ArtifactKeys.jobSpec(jobId))) {
            throw new NoSuchArtifactException("no job '" + jobId + "' in " + store.describe());
        }
        MessageDigest digest = sha256();
        List<String> classes = jobClasses(jobId);
        Map<String, JsonNode> plan = plan(jobId);
        TreeSet<String> sampleIds = new TreeSet<>();
        for (String key : keys) {
            sampleIds.add(key.substring(prefix.length()).split("/")[0]);
        }
        List<JobContents.Completed> completed = new ArrayList<>();
        List<JobContents.Rejection> rejected = new ArrayList<>();
        List<JobContents.Failure> failed = new ArrayList<>();
        List<ExportProblem> problems = new ArrayList<>();
        for (String sampleId : sampleIds) {
            String finalMarker = ArtifactKeys.stageMarker(jobId, sampleId, FINAL_STAGE);
            String rejectedKey = ArtifactKeys.rejected(jobId, sampleId);
            String failedKey = ArtifactKeys.failed(jobId, sampleId);
            String at = finalMarker;
            try {
                if (store.exists(finalMarker)) {
                    byte[] bytes = store.get(finalMarker);
                    digest.update(bytes);
                    SampleCompleted done = parseCompleted(bytes, finalMarker);
                    if (classes == null) {
                        classes = done.sample().classes();
                    }
                    if (!done.sample().classes().equals(classes)) {
                        problems.add(new ExportProblem(sampleId, finalMarker, "class map mismatch: the sample has "
                                + done.sample().classes() + " but the job has " + classes));
                        continue;
                    }
                    completed.add(new JobContents.Completed(sampleId, done.sample(), done.artifacts(),
                            stageMarkers(jobId, sampleId), plan.get(sampleId)));
                } else if (store.exists(rejectedKey)) {
                    at = rejectedKey;
                    byte[] bytes = store.get(rejectedKey);
                    digest.update(bytes);
                    JsonNode r = tree(bytes, rejectedKey);
                    rejected.add(new JobContents.Rejection(sampleId, r.path("stage").asText("?"),
                            r.path("reason").asText("(no reason given)")));
                } else if (store.exists(failedKey)) {
                    at = failedKey;
                    byte[] bytes = store.get(failedKey);
                    digest.update(bytes);
                    JsonNode f = tree(bytes, failedKey);
                    failed.add(new JobContents.Failure(sampleId, f.path("function").asText("?"),
                            f.path("error").asText("(no message)")));
                }
            } catch (InvalidInputException e) {
                problems.add(new ExportProblem(sampleId, at, e.getMessage()));
            }
        }
        return new JobContents(jobId, classes == null ? List.of() : classes, completed, rejected, failed, problems,
                HexFormat.of().formatHex(digest.digest()));
    }

    private SampleCompleted parseCompleted(byte[] bytes, String key) {
        try {
            return json.readValue(bytes, SampleCompleted.class);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof InvalidInputException invalid ? invalid : e;
            throw new InvalidInputException("unreadable stage marker: " + firstLine(cause.getMessage()), e);
        }
    }

    private Map<String, JsonNode> stageMarkers(String jobId, String sampleId) {
        Map<String, JsonNode> markers = new LinkedHashMap<>();
        for (String stage : STAGES) {
            String key = ArtifactKeys.stageMarker(jobId, sampleId, stage);
            if (store.exists(key)) {
                markers.put(stage, tree(store.get(key), key));
            }
        }
        return markers;
    }

    /** The class map from job.json; null when the job has no spec (then the first sample's map counts). */
    private List<String> jobClasses(String jobId) {
        String key = ArtifactKeys.jobSpec(jobId);
        if (!store.exists(key)) {
            return null;
        }
        JsonNode classes = tree(store.get(key), key).path("classes");
        if (!classes.isArray() || classes.isEmpty()) {
            throw new InvalidInputException(key + ": job spec has no class map ('classes')");
        }
        List<String> out = new ArrayList<>();
        classes.forEach(c -> out.add(c.asText()));
        return out;
    }

    private Map<String, JsonNode> plan(String jobId) {
        String key = ArtifactKeys.plan(jobId);
        Map<String, JsonNode> bySample = new LinkedHashMap<>();
        if (store.exists(key)) {
            for (JsonNode entry : tree(store.get(key), key)) {
                bySample.put(entry.path("sampleId").asText(), entry);
            }
        }
        return bySample;
    }

    private JsonNode tree(byte[] bytes, String key) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidInputException(key + ": not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
