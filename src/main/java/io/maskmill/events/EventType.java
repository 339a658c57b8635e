package io.maskmill.events;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every CloudEvent type Maskmill consumes or emits: its wire name, its payload record and the
 * function that consumes it. This table is the routing truth that the Funqy mapping in
 * application.properties, the Knative Triggers and the embedded broker are all checked against.
 */
public enum EventType {
    /** A validated job spec, posted by a client straight to the broker. */
    JOB_REQUESTED("maskmill.job.requested", JobRequested.class, "ingest"),
    /** An S3 event notification (Records[].s3) delivered by the Knative aws-sqs IntegrationSource. */
    S3_NOTIFICATION("dev.knative.connector.event.aws-sqs", byte[].class, "ingest"),
    /** An object body delivered by the Knative aws-s3 IntegrationSource (key in extensions). */
    S3_OBJECT("dev.knative.connector.event.aws-s3", byte[].class, "ingest"),
    /** The ledger registers the job, so a restarted instance knows which jobs to resume. */
    JOB_PLANNED("maskmill.job.planned", JobPlanned.class, "ledger"),
    SAMPLE_REQUESTED("maskmill.sample.requested", SampleRequested.class, "sample"),
    /** Several samples of one class in one UNet call (maskmill.sample.batch-size above 1); one generated event each. */
    SAMPLE_BATCH_REQUESTED("maskmill.sample.batch.requested", SampleBatchRequested.class, "sample"),
    SAMPLE_GENERATED("maskmill.sample.generated", SampleGenerated.class, "optimize"),
    MASK_REFINED("maskmill.mask.refined", MaskRefined.class, "thesaurus"),
    SAMPLE_REJECTED("maskmill.sample.rejected", SampleRejected.class, "ledger"),
    OBJECTS_SELECTED("maskmill.objects.selected", ObjectsSelected.class, "place"),
    OBJECTS_PLACED("maskmill.objects.placed", ObjectsPlaced.class, "harmonize"),
    SAMPLE_COMPLETED("maskmill.sample.completed", SampleCompleted.class, "ledger"),
    /** A delivery that failed for good (embedded broker) — dead-lettered events reach the ledger as themselves. */
    SAMPLE_FAILED("maskmill.sample.failed", SampleFailed.class, "ledger"),
    EXPORT_REQUESTED("maskmill.export.requested", ExportRequested.class, "export"),
    DATASET_EXPORTED("maskmill.dataset.exported", DatasetExported.class, null);

    private final String type;
    private final Class<?> payload;
    private final String consumer;

    EventType(String type, Class<?> payload, String consumer) {
        this.type = type;
        this.payload = payload;
        this.consumer = consumer;
    }

    /** The CloudEvent {@code type} attribute. */
    public String type() {
        return type;
    }

    /** The Java type the event's data binds to ({@code byte[]} for foreign events read raw). */
    public Class<?> payload() {
        return payload;
    }

    /** The Funqy function that consumes this type; empty for terminal events nobody consumes. */
    public Optional<String> consumer() {
        return Optional.ofNullable(consumer);
    }

    /**
     * The consuming function a request path segment names: a consumer ({@code sample}) or one of its
     * Funqy aliases ({@code <consumer>-<name>}, e.g. {@code sample-batch}, {@code ledger-planned}).
     */
    public static Optional<String> consumerNamed(String name) {
        if (CONSUMERS.contains(name)) {
            return Optional.of(name);
        }
        return name.contains("/") ? Optional.empty()
                : CONSUMERS.stream().filter(f -> name.startsWith(f + "-")).findFirst();
    }

    private static final Set<String> CONSUMERS = Arrays.stream(values()).flatMap(t -> t.consumer().stream())
            .collect(Collectors.toCollection(TreeSet::new));

    public static Optional<EventType> of(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }

    @Override
    public String toString() {
        return type;
    }
}
