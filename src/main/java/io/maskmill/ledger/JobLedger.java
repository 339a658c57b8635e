package io.maskmill.ledger;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.EventSink;
import io.maskmill.events.EventType;
import io.maskmill.events.EventsConfig;
import io.maskmill.events.ExportRequested;
import io.maskmill.events.InvalidInputException;
import io.maskmill.events.JobPlanned;
import io.maskmill.events.OutgoingEvent;
import io.maskmill.events.SampleHeader;
import io.maskmill.ingest.JobRecords;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.NoSuchArtifactException;

/**
 * The job's books: every sample's end (completed, rejected, failed) recorded durably in the store,
 * the job's state derived from them, and its export requested once, when the last sample ends.
 * Stages do not count anything; they emit their outcome and the ledger listens.
 *
 * <p>An outcome is accepted only for a sample of the job's plan, only if the store shows it
 * (a completion needs harmonize's marker, a rejection optimize's {@code rejected.json}), and never
 * for a sample that already completed or was rejected, nor for a job that completed: the same
 * outcome again is a redelivery and changes nothing; a different one is refused.
 *
 * <p>Counting is done in memory per job, seeded by one listing of the job's books the first time this
 * instance sees the job, so an event costs a constant number of store calls however large the job.
 * The deployment runs one ledger instance; a second could only delay a completion (each counts what it
 * saw), never lose one: the stall sweep and {@code POST /jobs/{id}/resume} count afresh from the store.
 */
@ApplicationScoped
public class JobLedger {
    private static final Logger LOG = Logger.getLogger(JobLedger.class);
    private static final int JOBS_KEPT = 64;

    private final ArtifactStore store;
    private final ObjectMapper json;
    private final JobRecords jobs;
    private final EventSink events;
    private final SampleGuard guard;
    private final String source;
    private final Map<String, Tally> tallies = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tally> eldest) {
            return size() > JOBS_KEPT;
        }
    });

    /** What this instance knows of a job's ended samples. */
    static final class Tally {
        final int planned;
        final Map<String, Outcome> ended = new HashMap<>();
        private final int[] counts = new int[Outcome.values().length];
        boolean finished;

        Tally(int planned) {
            this.planned = planned;
        }

        void put(String sample, Outcome o) {
            Outcome before = ended.put(sample, o);
            if (before != null) {
                counts[before.ordinal()]--;
            }
            counts[o.ordinal()]++;
        }

        int count(Outcome o) {
            return counts[o.ordinal()];
        }
    }

    @jakarta.inject.Inject
    public JobLedger(ArtifactStore store, ObjectMapper json, JobRecords jobs, EventSink events, SampleGuard guard,
            EventsConfig config) {
        this(store, json, jobs, events, guard, config.source() + "/ledger");
    }

    /** @param source the {@code source} of the events the ledger publishes */
    public JobLedger(ArtifactStore store, ObjectMapper json, JobRecords jobs, EventSink events, SampleGuard guard,
            String source) {
        this.store = store;
        this.json = json;
        this.jobs = jobs;
        this.events = events;
        this.guard = guard;
        this.source = source;
    }

    /** A job was planned: remember it, so a restart knows to resume it. */
    public void planned(JobPlanned planned) {
        if (planned == null || !store.exists(ArtifactKeys.plan(planned.jobId()))) {
            throw new InvalidInputException("job '" + (planned == null ? null : planned.jobId())
                    + "' has no plan in this store");
        }
        store.put(LedgerKeys.indexEntry(planned.jobId()), planned.jobId().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "text/plain");
    }

    /**
     * Records how {@code sample} ended. Redelivering the same outcome is harmless; changing a final
     * one is refused with {@link InvalidInputException} (400: Knative does not retry it).
     */
    public void ended(SampleHeader sample, Outcome outcome, String stage, String reason) {
        guard.requirePlanned(sample);
        String job = sample.jobId(), id = sample.sampleId();
        synchronized (lock(job)) {
            Tally tally = tally(job);
            Outcome before = tally.ended.get(id);
            if (before == outcome) {
                finishIfDone(job, tally); // a redelivery: the first delivery may have stopped before the export
                return;
            }
            if (before != null && before.isFinal()) {
                throw new InvalidInputException("sample " + id + " of job " + job + " already " + before.key()
                        + "; a later event cannot make it " + outcome.key());
            }
            if (tally.finished) {
                throw new InvalidInputException("job " + job + " has completed; a later event cannot change it");
            }
            requireEvidence(sample, outcome);
            Map<String, String> record = new LinkedHashMap<>();
            record.put("stage", stage == null ? "" : stage);
            record.put("reason", reason == null ? "" : reason);
            if (outcome == Outcome.FAILED) {
                // the sample's own record of its failure, where export reads it for the dataset's report
                Map<String, String> failure = new LinkedHashMap<>();
                failure.put("function", record.get("stage"));
                failure.put("error", record.get("reason"));
                store.put(ArtifactKeys.failed(job, id), bytes(failure), "application/json");
            }
            store.put(LedgerKeys.outcome(job, outcome, id), bytes(record), "application/json");
            tally.put(id, outcome);
            finishIfDone(job, tally);
        }
    }

    /** Checks the job once more from the store (after a resume, or when counts may have drifted). */
    public void recount(String jobId) {
        synchronized (lock(jobId)) {
            tallies.remove(jobId);
            finishIfDone(jobId, tally(jobId));
        }
    }

    /** Each ended sample's outcome, from one listing of the job's books. */
    public Map<String, Outcome> outcomes(String jobId) {
        Map<String, Outcome> ended = new HashMap<>();
        String prefix = LedgerKeys.books(jobId);
        for (String key : store.list(prefix)) {
            String[] parts = key.substring(prefix.length()).split("/");
            if (parts.length == 2 && parts[1].endsWith(".json")) {
                Optional<Outcome> o = Outcome.ofKey(parts[0]);
                String sample = parts[1].substring(0, parts[1].length() - ".json".length());
                // a sample that failed and later completed has both records: the final one wins
                o.ifPresent(outcome -> ended.merge(sample, outcome, (a, b) -> a.isFinal() ? a : b));
            }
        }
        return ended;
    }

    /** The stage and reason recorded for a sample's end; empty if it has not ended that way. */
    public Optional<JsonNode> record(String jobId, Outcome outcome, String sampleId) {
        try {
            return Optional.of(json.readTree(store.get(LedgerKeys.outcome(jobId, outcome, sampleId))));
        } catch (NoSuchArtifactException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("corrupt ledger record of " + jobId + "/" + sampleId, e);
        }
    }

    public boolean isFinished(String jobId) {
        return store.exists(LedgerKeys.finished(jobId));
    }

    /** Asks for the job's dataset (the ledger does when the last sample ends; the API on request). */
    public void requestExport(String jobId) {
        events.publish(OutgoingEvent.of(EventType.EXPORT_REQUESTED, source, jobId, null, new ExportRequested(jobId, null)));
    }

    private void finishIfDone(String job, Tally tally) {
        if (tally.finished || tally.ended.size() < tally.planned || tally.count(Outcome.FAILED) > 0) {
            return;
        }
        if (store.exists(LedgerKeys.finished(job))) {
            tally.finished = true;
            return;
        }
        LOG.infof("Job %s: all %d samples ended (%d completed, %d rejected); requesting its export", job,
                tally.planned, tally.count(Outcome.COMPLETED), tally.count(Outcome.REJECTED));
        requestExport(job);
        // written after the broker took the request: a crash in between costs one identical re-export, never none
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("state", "completed");
        record.put("planned", tally.planned);
        record.put("completed", tally.count(Outcome.COMPLETED));
        record.put("rejected", tally.count(Outcome.REJECTED));
        record.put("exportRequested", true);
        store.put(LedgerKeys.finished(job), bytes(record), "application/json");
        tally.finished = true;
    }

    /** The store must show what the event claims: a forged outcome has nothing behind it. */
    private void requireEvidence(SampleHeader sample, Outcome outcome) {
        String key = switch (outcome) {
            case COMPLETED -> ArtifactKeys.stageMarker(sample.jobId(), sample.sampleId(), "harmonize");
            case REJECTED -> ArtifactKeys.rejected(sample.jobId(), sample.sampleId());
            case FAILED -> null;
        };
        if (key != null && !store.exists(key)) {
            throw new InvalidInputException("sample " + sample.sampleId() + " of job " + sample.jobId() + " is not "
                    + outcome.key() + ": " + key + " does not exist");
        }
    }

    private Tally tally(String job) {
        Tally tally = tallies.get(job);
        if (tally == null) {
            tally = new Tally(jobs.samples(job).size());
            outcomes(job).forEach(tally::put);
            tally.finished = store.exists(LedgerKeys.finished(job));
            tallies.put(job, tally);
        }
        return tally;
    }

    private final Map<String, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();

    private Object lock(String job) {
        return locks.computeIfAbsent(job, j -> new Object());
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
