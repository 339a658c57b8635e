package io.maskmill.ingest;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.maskmill.events.EventSink;
import io.maskmill.events.EventType;
import io.maskmill.events.EventsConfig;
import io.maskmill.events.ExportRequested;
import io.maskmill.events.OutgoingEvent;
import io.maskmill.events.SampleHeader;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;

/**
 * Notices when a job's counts add up. Each sample that ends (completed or rejected) leaves a small
 * object under {@code jobs/{job}/finished/}; when their number reaches the plan's, the job is done
 * and its export is requested. Two instances finishing the last samples at once may both request
 * it; the export is deterministic, so the second rewrites the same dataset.
 */
@ApplicationScoped
public class JobCompletion {
    private static final Logger LOG = Logger.getLogger(JobCompletion.class);

    private final ArtifactStore store;
    private final JobRecords jobs;
    private final EventSink events;
    private final String source;

    public JobCompletion(ArtifactStore store, JobRecords jobs, EventSink events, EventsConfig config) {
        this.store = store;
        this.jobs = jobs;
        this.events = events;
        this.source = config.source() + "/jobs";
    }

    /** Records that {@code sample} has ended ({@code outcome}: completed or rejected) and checks the job. */
    public void sampleEnded(SampleHeader sample, String outcome) {
        if (!store.exists(ArtifactKeys.plan(sample.jobId()))) {
            // an event about a job nobody planned here (a test, a foreign broker): nothing can complete
            LOG.warnf("Sample %s/%s ended, but job %s has no plan in this store", sample.jobId(), sample.sampleId(),
                    sample.jobId());
            return;
        }
        String prefix = finishedPrefix(sample.jobId());
        store.put(prefix + sample.sampleId(), outcome.getBytes(StandardCharsets.UTF_8), "text/plain");
        int planned = jobs.samples(sample.jobId()).size();
        int ended = store.list(prefix).size();
        if (ended >= planned) {
            LOG.infof("Job %s: all %d samples ended; requesting its export", sample.jobId(), planned);
            requestExport(sample.jobId());
        }
    }

    public void requestExport(String jobId) {
        events.publish(OutgoingEvent.of(EventType.EXPORT_REQUESTED, source, jobId, null, new ExportRequested(jobId, null)));
    }

    static String finishedPrefix(String jobId) {
        return ArtifactKeys.job(jobId) + "finished/";
    }
}
