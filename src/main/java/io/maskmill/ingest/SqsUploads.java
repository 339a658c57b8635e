package io.maskmill.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.maskmill.events.JobPlanned;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * The second route for uploads, beside the Knative aws-sqs source: SmallRye Reactive Messaging's SQS
 * connector reads the bucket's S3 event notifications straight from the queue (channel
 * {@value #CHANNEL}, off unless {@code mp.messaging.incoming.prompt-uploads.enabled=true}). Each
 * notification is planned exactly as the Knative route plans it ({@link IngestService#onS3Notification});
 * the message is acknowledged — deleted from the queue — only when this method returns, that is once
 * the job's spec and plan are in the store and its samples requested. A failure leaves it to
 * {@link SqsUploadFailures}: malformed notifications go to the dead-letter queue, the rest are retried.
 */
@ApplicationScoped
public class SqsUploads {
    public static final String CHANNEL = "prompt-uploads";
    private static final Logger LOG = Logger.getLogger(SqsUploads.class);

    private final IngestService ingest;

    public SqsUploads(IngestService ingest) {
        this.ingest = ingest;
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = false)
    public void receive(String notification) {
        List<JobPlanned> jobs = ingest.onS3Notification(notification.getBytes(StandardCharsets.UTF_8));
        jobs.forEach(job -> LOG.infof("Upload notification from SQS started job %s (%d samples)", job.jobId(),
                job.samples()));
    }
}
