package io.maskmill.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.InvalidInputException;
import io.maskmill.ledger.JobLedger;
import io.maskmill.ledger.LedgerKeys;
import io.maskmill.ledger.Outcome;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.NoSuchArtifactException;

/**
 * Reads a job's state off the store: its spec and plan, the markers each stage leaves per sample
 * (per-stage counts), and the ledger's books (how each sample ended). The answer has a fixed size;
 * the samples are paged.
 */
@ApplicationScoped
public class JobStatusService {
    /** Stage order, for a stable, readable listing. */
    static final List<String> STAGES = List.of("sample", "optimize", "thesaurus", "place", "harmonize");
    /** At most this many failed samples' reasons are read for the status's summary. */
    static final int REASONS_READ = 200;
    static final int PAGE_MAX = 1000;

    private final ArtifactStore store;
    private final ObjectMapper json;
    private final JobRecords jobs;
    private final JobLedger ledger;

    public JobStatusService(ArtifactStore store, ObjectMapper json, JobRecords jobs, JobLedger ledger) {
        this.store = store;
        this.json = json;
        this.jobs = jobs;
        this.ledger = ledger;
    }

    /** @throws NoSuchArtifactException if there is no such job */
    public JobStatus status(String jobId) {
        requireJob(jobId);
        JobPlan.Spec spec = jobs.spec(jobId);
        int planned = jobs.samples(jobId).size();
        Map<String, Integer> stages = new LinkedHashMap<>();
        STAGES.forEach(s -> stages.put(s, 0));
        String prefix = ArtifactKeys.samples(jobId);
        for (String key : store.list(prefix)) {
            String[] parts = key.substring(prefix.length()).split("/");
            if (parts.length == 3 && parts[2].equals(ArtifactKeys.STAGE_MARKER)) {
                stages.merge(parts[1], 1, Integer::sum);
            }
        }
        Map<String, Outcome> ended = ledger.outcomes(jobId);
        int[] counts = new int[Outcome.values().length];
        List<String> failed = new ArrayList<>();
        ended.forEach((sample, outcome) -> {
            counts[outcome.ordinal()]++;
            if (outcome == Outcome.FAILED) {
                failed.add(sample);
            }
        });
        failed.sort(null);
        Map<String, Integer> failures = new TreeMap<>();
        for (String sample : failed.subList(0, Math.min(REASONS_READ, failed.size()))) {
            ledger.record(jobId, Outcome.FAILED, sample).ifPresent(r -> failures.merge(describe(r), 1, Integer::sum));
        }
        int completed = counts[Outcome.COMPLETED.ordinal()], rejected = counts[Outcome.REJECTED.ordinal()];
        int failedCount = counts[Outcome.FAILED.ordinal()];
        int stalled = stalled(jobId);
        String state;
        if (completed + rejected == planned || ledger.isFinished(jobId)) {
            state = "completed";
        } else if (ended.size() >= planned && failedCount > 0) {
            state = "failed";
        } else if (ended.isEmpty() && stages.values().stream().allMatch(n -> n == 0)) {
            state = "planned";
        } else if (stalled > 0) {
            state = "stalled";
        } else {
            state = "running";
        }
        return new JobStatus(jobId, state, spec.source(), spec.classes(), planned, stages, completed, rejected,
                failedCount, stalled, failures, "/jobs/" + jobId + "/samples");
    }

    /** Samples in plan order after {@code after} (null: from the first), at most {@code limit}, optionally of one state. */
    public SamplePage samples(String jobId, String after, int limit, String state) {
        requireJob(jobId);
        if (limit < 1 || limit > PAGE_MAX) {
            throw new InvalidInputException("limit must be between 1 and " + PAGE_MAX + ", was " + limit);
        }
        if (state != null && !state.equals("open") && Outcome.ofKey(state).isEmpty()) {
            throw new InvalidInputException("state must be one of completed, rejected, failed, open; was '" + state + "'");
        }
        Map<String, Outcome> ended = ledger.outcomes(jobId);
        List<SamplePage.Sample> page = new ArrayList<>();
        String next = null;
        boolean started = after == null;
        for (JobPlan.PlannedSample p : jobs.samples(jobId)) {
            if (!started) {
                started = p.sampleId().equals(after);
                continue;
            }
            Outcome outcome = ended.get(p.sampleId());
            String s = outcome == null ? "open" : outcome.key();
            if (state != null && !state.equals(s)) {
                continue;
            }
            if (page.size() == limit) {
                next = page.get(limit - 1).sampleId();
                break;
            }
            String stage = null, reason = null;
            if (outcome == Outcome.REJECTED || outcome == Outcome.FAILED) {
                JsonNode r = ledger.record(jobId, outcome, p.sampleId()).orElse(null);
                if (r != null) {
                    stage = r.path("stage").asText(null);
                    reason = r.path("reason").asText(null);
                }
            }
            page.add(new SamplePage.Sample(p.sampleId(), p.className(), s, stage, reason));
        }
        if (!started) {
            throw new InvalidInputException("after: job " + jobId + " has no sample '" + after + "'");
        }
        return new SamplePage(jobId, page, next);
    }

    private void requireJob(String jobId) {
        if (!store.exists(ArtifactKeys.jobSpec(jobId))) {
            throw new NoSuchArtifactException("no job '" + jobId + "'");
        }
    }

    private int stalled(String jobId) {
        try {
            return json.readTree(store.get(LedgerKeys.stalled(jobId))).path("samples").asInt(0);
        } catch (NoSuchArtifactException | IOException e) {
            return 0;
        }
    }

    private static String describe(JsonNode record) {
        String stage = record.path("stage").asText("");
        String reason = record.path("reason").asText("");
        return stage.isEmpty() ? reason : stage + ": " + reason;
    }
}
