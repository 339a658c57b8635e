package io.maskmill.ledger;

import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.InvalidInputException;
import io.maskmill.events.SampleHeader;
import io.maskmill.ingest.JobPlan;
import io.maskmill.ingest.JobRecords;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.NoSuchArtifactException;

/**
 * What every stage checks before it works on an event, so that nothing forged gets in and nothing
 * finished is done again:
 * <ul>
 * <li>the event names a sample of its job's plan, with the plan's class, class map, prompt and seed;</li>
 * <li>every artifact it references lies under its own job's prefix {@code jobs/{job}/};</li>
 * <li>neither the job (completed) nor the sample (completed or rejected) has ended;</li>
 * <li>if the stage already finished this sample (its marker, written last, exists), the stored output
 * is the answer: a redelivered or re-driven event is never computed again.</li>
 * </ul>
 * Ended jobs and samples stay ended, so those answers are cached; everything else is asked of the store.
 */
@ApplicationScoped
public class SampleGuard {
    private static final int JOBS_KEPT = 16;

    private final ArtifactStore store;
    private final ObjectMapper json;
    private final JobRecords jobs;
    private final Map<String, Map<String, JobPlan.PlannedSample>> plans = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map<String, JobPlan.PlannedSample>> eldest) {
                    return size() > JOBS_KEPT;
                }
            });
    private final Set<String> ended = ConcurrentHashMap.newKeySet();

    public SampleGuard(ArtifactStore store, ObjectMapper json, JobRecords jobs) {
        this.store = store;
        this.json = json;
        this.jobs = jobs;
    }

    /**
     * The checks above for a stage about to work on {@code sample}: empty if it should, or the output it
     * already stored for this sample (of type {@code output}) if it finished it before.
     */
    public <T> Optional<T> admit(SampleHeader sample, Map<String, String> artifacts, String stage, Class<T> output) {
        requirePlanned(sample);
        requireOwnArtifacts(sample, artifacts);
        requireOpen(sample);
        return stored(sample, stage, output);
    }

    /** The sample is in its job's plan, as planned. */
    public JobPlan.PlannedSample requirePlanned(SampleHeader sample) {
        SampleHeader h = SampleHeader.required(sample);
        JobPlan.PlannedSample planned = plan(h.jobId()).get(h.sampleId());
        if (planned == null) {
            throw new InvalidInputException("sample " + h.sampleId() + " is not in the plan of job " + h.jobId());
        }
        List<String> classes = jobs.spec(h.jobId()).classes();
        if (!planned.className().equals(h.className()) || !classes.equals(h.classes())) {
            throw new InvalidInputException("sample " + h.sampleId() + " of job " + h.jobId() + " is planned as class '"
                    + planned.className() + "' of " + classes + ", not '" + h.className() + "' of " + h.classes());
        }
        if (h.prompt() != null && !h.prompt().equals(planned.prompt())) {
            throw new InvalidInputException("sample " + h.sampleId() + " of job " + h.jobId()
                    + ": the header's prompt is not the planned one");
        }
        if (h.seed() != null && h.seed() != planned.seed()) {
            throw new InvalidInputException("sample " + h.sampleId() + " of job " + h.jobId() + ": seed " + h.seed()
                    + " is not the planned seed " + planned.seed());
        }
        return planned;
    }

    /** Every artifact URI resolves to a key of this store under {@code jobs/{job}/}. */
    public void requireOwnArtifacts(SampleHeader sample, Map<String, String> artifacts) {
        if (artifacts == null) {
            return;
        }
        String prefix = ArtifactKeys.job(sample.jobId());
        for (Map.Entry<String, String> a : artifacts.entrySet()) {
            String key;
            try {
                key = store.keyOf(URI.create(a.getValue()));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidInputException("artifact '" + a.getKey() + "' is not a URI of this store: " + a.getValue());
            }
            if (!key.startsWith(prefix)) {
                throw new InvalidInputException("artifact '" + a.getKey() + "' (" + a.getValue() + ") is not under job "
                        + sample.jobId() + "'s prefix " + prefix);
            }
        }
    }

    /** Neither the job nor the sample has ended for good. */
    public void requireOpen(SampleHeader sample) {
        String job = sample.jobId(), id = sample.sampleId();
        if (ended.contains(job) || store.exists(LedgerKeys.finished(job))) {
            ended.add(job);
            throw new InvalidInputException("job " + job + " has completed; a later event cannot change it");
        }
        for (Outcome o : new Outcome[] { Outcome.COMPLETED, Outcome.REJECTED }) {
            String key = LedgerKeys.outcome(job, o, id);
            if (ended.contains(key) || store.exists(key)) {
                ended.add(key);
                throw new InvalidInputException("sample " + id + " of job " + job + " has " + o.key()
                        + "; a later event cannot change it");
            }
        }
    }

    /** The output {@code stage} stored for the sample, if its marker exists (the marker is written last). */
    public <T> Optional<T> stored(SampleHeader sample, String stage, Class<T> output) {
        String marker = ArtifactKeys.stageMarker(sample.jobId(), sample.sampleId(), stage);
        try {
            return Optional.of(json.readValue(store.get(marker), output));
        } catch (NoSuchArtifactException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable: computed again, and rewritten
        }
    }

    private Map<String, JobPlan.PlannedSample> plan(String job) {
        Map<String, JobPlan.PlannedSample> plan = plans.get(job);
        if (plan == null) {
            List<JobPlan.PlannedSample> samples;
            try {
                samples = jobs.samples(job);
            } catch (NoSuchArtifactException e) {
                throw new NoSuchArtifactException("job " + job + " has no plan in this store (" + e.getMessage() + ")");
            }
            plan = new HashMap<>(samples.size() * 2);
            for (JobPlan.PlannedSample s : samples) {
                plan.put(s.sampleId(), s);
            }
            plans.put(job, plan);
        }
        return plan;
    }
}
