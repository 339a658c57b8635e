package io.maskmill.ingest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.EventSink;
import io.maskmill.events.EventType;
import io.maskmill.events.EventsConfig;
import io.maskmill.events.Ids;
import io.maskmill.events.InvalidInputException;
import io.maskmill.events.JobPlanned;
import io.maskmill.events.JobRequested;
import io.maskmill.events.OutgoingEvent;
import io.maskmill.events.Prompt;
import io.maskmill.events.SampleHeader;
import io.maskmill.events.SampleBatchRequested;
import io.maskmill.events.SampleRequested;
import io.maskmill.sample.BatchSize;
import io.maskmill.store.ArtifactExistsException;
import io.maskmill.ledger.JobResumer;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.KeyPolicy;
import io.maskmill.store.S3Uris;

/**
 * Turns a job request — over HTTP, as a CloudEvent, or as an uploaded prompt list — into a planned
 * job: everything is validated before anything is written, then the spec and plan are stored and
 * one {@code maskmill.sample.requested} is published per sample — or, with {@code maskmill.sample.batch-size}
 * above 1, one {@code maskmill.sample.batch.requested} per batch of the plan ({@link JobPlan#batches}). Replanning the same job writes
 * the same bytes and republishes the same events, so retries and redeliveries are harmless.
 */
@ApplicationScoped
public class IngestService {
    private static final Logger LOG = Logger.getLogger(IngestService.class);

    private final ArtifactStore store;
    private final EventSink events;
    private final ObjectMapper json;
    private final IngestConfig config;
    private final String source;
    private final PromptListParser parser;
    private final JobPlanner planner;
    private final JobResumer resumer;
    private final BatchSize batchSize;

    public IngestService(ArtifactStore store, EventSink events, ObjectMapper json, IngestConfig config,
            EventsConfig eventsConfig, JobResumer resumer, BatchSize batchSize) {
        this.resumer = resumer;
        this.batchSize = batchSize;
        this.store = store;
        this.events = events;
        this.json = json;
        this.config = config;
        this.source = eventsConfig.source() + "/ingest";
        this.parser = new PromptListParser(config, json);
        this.planner = new JobPlanner(config);
    }

    /** A job request as JSON (an HTTP body, an event's data), read strictly: see {@link JobRequests}. */
    public JobPlanned submit(byte[] body) {
        return submit(JobRequests.read(body, json));
    }

    /** A job asked for over HTTP or as a {@code maskmill.job.requested} event. */
    public JobPlanned submit(JobRequested request) {
        if (request == null) {
            throw new InvalidInputException("the job request is empty");
        }
        boolean inline = request.prompts() != null && !request.prompts().isNull();
        boolean listed = request.promptList() != null && !request.promptList().isBlank();
        if (inline == listed) {
            throw new InvalidInputException("give exactly one of \"prompts\" (inline) and \"promptList\" (a URI or key)");
        }
        return inline ? planList(toJson(request.prompts()), "prompts", "request", request)
                : planList(readPromptList(request.promptList()), request.promptList(), request.promptList(), request);
    }

    /**
     * A job whose prompt list is a file of the caller's (the embedded {@code generate} command);
     * {@code settings} gives the rest of the request, its prompts fields unset.
     */
    public JobPlanned submitPromptFile(byte[] content, String where, JobRequested settings) {
        return planList(content, where, where, settings);
    }

    private JobPlanned planList(byte[] list, String where, String source, JobRequested settings) {
        String jobId = settings.jobId() == null ? newJobId() : Ids.requireJobId(settings.jobId());
        JobOptions.validate(settings.options());
        List<String> classes = normaliseClasses(settings.classes());
        List<Prompt> prompts = parser.parse(list, where, classes);
        return plan(planner.plan(jobId, source, classes, prompts, settings.imagesPerClass(), settings.seed(),
                settings.options()));
    }

    /** The uploads an S3 event notification names; each under the prompts prefix starts a job. */
    public List<JobPlanned> onS3Notification(byte[] body) {
        List<JobPlanned> planned = new ArrayList<>();
        for (S3Upload upload : S3Upload.fromNotification(body, json)) {
            if (isPromptUpload(upload)) {
                byte[] content = store.get(upload.bucket(), upload.key());
                planned.add(fromUpload(upload, content));
            }
        }
        return planned;
    }

    /** An object body delivered by the aws-s3 source, with its key and bucket in the extensions. */
    public List<JobPlanned> onS3Object(byte[] body, Map<String, String> extensions) {
        S3Upload upload = S3Upload.fromExtensions(extensions);
        if (upload.key() == null || upload.bucket() == null) {
            throw new InvalidInputException("aws-s3 event lacks the object key or bucket extension"
                    + " (awss3key / awss3bucketname); extensions were " + extensions.keySet());
        }
        return isPromptUpload(upload) ? List.of(fromUpload(upload, body)) : List.of();
    }

    private boolean isPromptUpload(S3Upload upload) {
        KeyPolicy.validate(upload.key());
        if (!store.allowsBucket(upload.bucket())) {
            throw new InvalidInputException("upload s3://" + upload.bucket() + "/" + upload.key()
                    + " is in a bucket that is not allowed (maskmill.store.allowed-buckets)");
        }
        if (!upload.key().startsWith(config.promptsPrefix())) {
            LOG.infof("Ignored upload s3://%s/%s: not under %s", upload.bucket(), upload.key(), config.promptsPrefix());
            return false;
        }
        return true;
    }

    private JobPlanned fromUpload(S3Upload upload, byte[] content) {
        String where = "s3://" + upload.bucket() + "/" + upload.key();
        List<Prompt> prompts = parser.parse(content, where, List.of());
        return plan(planner.plan(uploadJobId(upload, content), where, null, prompts, null, null, null));
    }

    private JobPlanned plan(JobPlan plan) {
        JobPlan.Spec spec = plan.spec();
        byte[] specBytes = toJson(spec);
        String specKey = ArtifactKeys.jobSpec(spec.jobId());
        // The spec is the job's claim on its id: created atomically, so of concurrent requests for
        // one id exactly one writes it; the others find it and go on only if it is their own spec.
        // The plan follows from the spec alone, so whoever writes it writes the same bytes.
        boolean existed = false;
        try {
            store.create(specKey, specBytes, "application/json");
        } catch (ArtifactExistsException exists) {
            if (!Arrays.equals(store.get(specKey), specBytes)) {
                throw new JobConflictException("job '" + spec.jobId() + "' already exists with a different spec");
            }
            existed = true;
        }
        if (existed && store.exists(ArtifactKeys.plan(spec.jobId()))) {
            // the same job again (a re-post, a rerun of generate): go on from where it got to, never recompute
            JobPlanned planned = new JobPlanned(spec.jobId(), plan.samples().size(), spec.classes(),
                    store.uri(ArtifactKeys.plan(spec.jobId())).toString());
            events.publish(OutgoingEvent.of(EventType.JOB_PLANNED, source, spec.jobId(), null, planned));
            resumer.resume(spec.jobId(), true);
            return planned;
        }
        URI planUri = store.put(ArtifactKeys.plan(spec.jobId()), toJson(plan.samples()), "application/json");
        JobPlanned planned = new JobPlanned(spec.jobId(), plan.samples().size(), spec.classes(), planUri.toString());
        events.publish(OutgoingEvent.of(EventType.JOB_PLANNED, source, spec.jobId(), null, planned));
        for (List<JobPlan.PlannedSample> batch : plan.batches(batchSize.get())) {
            List<SampleHeader> headers = new ArrayList<>(batch.size());
            for (JobPlan.PlannedSample s : batch) {
                headers.add(new SampleHeader(spec.jobId(), s.sampleId(), 1, s.className(), spec.classes(), s.prompt(),
                        s.seed()));
            }
            String first = batch.get(0).sampleId();
            // a batch of one is a plain request: at batch size 1 the events are exactly the unbatched ones
            events.publish(batch.size() == 1
                    ? OutgoingEvent.of(EventType.SAMPLE_REQUESTED, source, spec.jobId(), first,
                            new SampleRequested(headers.get(0), batch.get(0).prompt(), batch.get(0).seed(), spec.options()))
                    : OutgoingEvent.of(EventType.SAMPLE_BATCH_REQUESTED, source, spec.jobId(), first,
                            new SampleBatchRequested(headers, spec.options())));
        }
        LOG.infof("Job %s planned: %d classes, %d samples, from %s", spec.jobId(), spec.classes().size(),
                plan.samples().size(), spec.source());
        return planned;
    }

    private byte[] readPromptList(String reference) {
        URI uri = S3Uris.parse(reference);
        if (uri.getScheme() == null) {
            return store.get(KeyPolicy.validate(reference));
        }
        if ("s3".equals(uri.getScheme())) {
            String key = uri.getPath() == null || uri.getPath().isEmpty() ? "" : uri.getPath().substring(1);
            return store.get(uri.getHost(), key);
        }
        return store.get(uri);
    }

    private static List<String> normaliseClasses(List<String> classes) {
        if (classes == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String c : classes) {
            if (c == null) {
                throw new InvalidInputException("classes[" + out.size() + "]: null is not a class name");
            }
            String n = PromptListParser.normaliseClass(c);
            if (out.contains(n)) {
                throw new InvalidInputException("classes[" + out.size() + "]: class '" + n + "' is listed twice");
            }
            out.add(n);
        }
        return out;
    }

    private static String newJobId() {
        return "j-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** The same upload (bucket, key and content) always names the same job, so redelivery replans it. */
    static String uploadJobId(S3Upload upload, byte[] content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((upload.bucket() + "/" + upload.key() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(content);
            return "u-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] toJson(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
