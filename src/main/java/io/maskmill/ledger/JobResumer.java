package io.maskmill.ledger;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.EventSink;
import io.maskmill.events.EventType;
import io.maskmill.events.EventsConfig;
import io.maskmill.events.MaskRefined;
import io.maskmill.events.ObjectsPlaced;
import io.maskmill.events.ObjectsSelected;
import io.maskmill.events.OutgoingEvent;
import io.maskmill.events.SampleCompleted;
import io.maskmill.events.SampleGenerated;
import io.maskmill.events.SampleHeader;
import io.maskmill.events.SampleRejected;
import io.maskmill.events.SampleRequested;
import io.maskmill.ingest.JobPlan;
import io.maskmill.ingest.JobRecords;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.NoSuchArtifactException;

/**
 * Drives samples on from where they got to, without computing anything again. A stage's marker is
 * written after all its artifacts, so the last stage whose marker exists is where a sample is; that
 * marker is the stage's output event, which is published again for the next stage. A sample with
 * no marker is requested again from the plan. Partial output (artifacts without a marker, a temporary
 * file a crash left) never counts: the stage runs and rewrites it.
 */
@ApplicationScoped
public class JobResumer {
    private static final Logger LOG = Logger.getLogger(JobResumer.class);
    /** The stages in chain order, each with the event its marker holds. */
    static final List<String> STAGES = List.of("sample", "optimize", "thesaurus", "place", "harmonize");
    private static final Map<String, EventType> OUTPUT = Map.of("sample", EventType.SAMPLE_GENERATED,
            "optimize", EventType.MASK_REFINED, "thesaurus", EventType.OBJECTS_SELECTED,
            "place", EventType.OBJECTS_PLACED, "harmonize", EventType.SAMPLE_COMPLETED);
    /** Where a sample is when optimize rejected it. */
    static final String REJECTED = "rejected";

    /** What a resume did: samples driven on, samples that had already ended, the plan's size. */
    public record Resumed(String jobId, int driven, int ended, int planned) {
    }

    private final ArtifactStore store;
    private final ObjectMapper json;
    private final JobRecords jobs;
    private final JobLedger ledger;
    private final EventSink events;
    private final String source;

    @jakarta.inject.Inject
    public JobResumer(ArtifactStore store, ObjectMapper json, JobRecords jobs, JobLedger ledger, EventSink events,
            EventsConfig config) {
        this(store, json, jobs, ledger, events, config.source() + "/ledger");
    }

    /** @param source the {@code source} of the events a resume publishes */
    public JobResumer(ArtifactStore store, ObjectMapper json, JobRecords jobs, JobLedger ledger, EventSink events,
            String source) {
        this.store = store;
        this.json = json;
        this.jobs = jobs;
        this.ledger = ledger;
        this.events = events;
        this.source = source;
    }

    /** Jobs the ledger was told of and that have not completed. */
    public List<String> unfinishedJobs() {
        Set<String> open = new TreeSet<>();
        for (String key : store.list(LedgerKeys.INDEX)) {
            String job = key.substring(LedgerKeys.INDEX.length());
            if (!job.contains("/") && !ledger.isFinished(job)) {
                open.add(job);
            }
        }
        return List.copyOf(open);
    }

    /**
     * Drives every sample of {@code jobId} that has not ended (and, with {@code failedToo}, those
     * that failed) one step on from its last complete stage; then lets the ledger count afresh.
     */
    public Resumed resume(String jobId, boolean failedToo) {
        Map<String, Outcome> ended = ledger.outcomes(jobId);
        Set<String> open = new TreeSet<>();
        int finished = 0;
        for (JobPlan.PlannedSample p : jobs.samples(jobId)) {
            Outcome o = ended.get(p.sampleId());
            if (o == null || o == Outcome.FAILED && failedToo) {
                open.add(p.sampleId());
            } else {
                finished++;
            }
        }
        int driven = drive(jobId, open, positions(jobId));
        ledger.recount(jobId);
        LOG.infof("Job %s resumed: %d samples driven on, %d had ended", jobId, driven, finished);
        return new Resumed(jobId, driven, finished, open.size() + finished);
    }

    /** Each sample's furthest complete stage ({@value #REJECTED} when optimize rejected it), from one listing. */
    public Map<String, String> positions(String jobId) {
        Map<String, String> at = new HashMap<>();
        String prefix = ArtifactKeys.samples(jobId);
        for (String key : store.list(prefix)) {
            String[] parts = key.substring(prefix.length()).split("/");
            if (parts.length == 2 && parts[1].equals("rejected.json")) {
                at.put(parts[0], REJECTED);
            } else if (parts.length == 3 && parts[2].equals(ArtifactKeys.STAGE_MARKER) && STAGES.contains(parts[1])) {
                at.merge(parts[0], parts[1], (a, b) -> a.equals(REJECTED) || STAGES.indexOf(a) >= STAGES.indexOf(b) ? a : b);
            }
        }
        return at;
    }

    /** Publishes, for each of {@code samples}, the event that takes it to its next stage. */
    public int drive(String jobId, Collection<String> samples, Map<String, String> positions) {
        if (samples.isEmpty()) {
            return 0;
        }
        JobPlan.Spec spec = jobs.spec(jobId);
        Map<String, JobPlan.PlannedSample> plan = new HashMap<>();
        jobs.samples(jobId).forEach(p -> plan.put(p.sampleId(), p));
        int driven = 0;
        for (String id : samples) {
            JobPlan.PlannedSample p = plan.get(id);
            if (p == null) {
                continue;
            }
            try {
                events.publish(next(spec, p, positions.get(id)));
                driven++;
            } catch (NoSuchArtifactException | IOException e) {
                LOG.warnf("Job %s sample %s: cannot read where it got to (%s); requesting it again", jobId, id,
                        e.getMessage());
                events.publish(request(spec, p));
                driven++;
            }
        }
        return driven;
    }

    private OutgoingEvent next(JobPlan.Spec spec, JobPlan.PlannedSample p, String at) throws IOException {
        if (at == null) {
            return request(spec, p);
        }
        if (at.equals(REJECTED)) {
            var r = json.readTree(store.get(ArtifactKeys.rejected(spec.jobId(), p.sampleId())));
            return OutgoingEvent.of(EventType.SAMPLE_REJECTED, source, spec.jobId(), p.sampleId(),
                    new SampleRejected(header(spec, p), r.path("stage").asText("optimize"), r.path("reason").asText()));
        }
        EventType type = OUTPUT.get(at);
        Object event = json.readValue(store.get(ArtifactKeys.stageMarker(spec.jobId(), p.sampleId(), at)),
                (Class<?>) switch (at) {
                    case "sample" -> SampleGenerated.class;
                    case "optimize" -> MaskRefined.class;
                    case "thesaurus" -> ObjectsSelected.class;
                    case "place" -> ObjectsPlaced.class;
                    default -> SampleCompleted.class;
                });
        return OutgoingEvent.of(type, source, spec.jobId(), p.sampleId(), event);
    }

    private OutgoingEvent request(JobPlan.Spec spec, JobPlan.PlannedSample p) {
        return OutgoingEvent.of(EventType.SAMPLE_REQUESTED, source, spec.jobId(), p.sampleId(),
                new SampleRequested(header(spec, p), p.prompt(), p.seed(), spec.options()));
    }

    private static SampleHeader header(JobPlan.Spec spec, JobPlan.PlannedSample p) {
        return new SampleHeader(spec.jobId(), p.sampleId(), 1, p.className(), spec.classes(), p.prompt(), p.seed());
    }
}
