package io.maskmill.config;

import java.util.List;
import java.util.Locale;

/**
 * The configuration names a deployment sets, in one place: the code reads these properties, the
 * manifests set their environment-variable form ({@link #env}), the deploy tests check both against
 * each other and configuration.md lists them. A property renamed here and not in the manifests fails
 * the build instead of silently falling back to a default.
 */
public final class ConfigNames {
    /** Bearer tokens the jobs API and the event routes accept (comma-separated); none: no check. */
    public static final String API_TOKENS = "maskmill.api.tokens";
    /** false: this instance serves no CloudEvent routes ({@code /}, {@code /<function>}), only the jobs API. */
    public static final String API_EVENT_ROUTES = "maskmill.api.event-routes";
    /** The one Funqy function a stage instance serves (Quarkus's own property). */
    public static final String FUNQY_EXPORT = "quarkus.funqy.export";
    /** How long a stopping instance lets requests in flight finish (Quarkus's own property; a service's request timeout). */
    public static final String SHUTDOWN_TIMEOUT = "quarkus.shutdown.timeout";
    public static final String STORE_TYPE = "maskmill.store.type";
    public static final String STORE_BUCKET = "maskmill.store.bucket";
    public static final String STORE_ALLOWED_BUCKETS = "maskmill.store.allowed-buckets";
    public static final String STORE_S3_REGION = "maskmill.store.s3.region";
    public static final String STORE_S3_ENDPOINT = "maskmill.store.s3.endpoint";
    public static final String EVENTS_DISPATCH = "maskmill.events.dispatch";
    public static final String EVENTS_SINK_URL = "maskmill.events.sink-url";
    public static final String MODELS_URI = "maskmill.models.uri";
    public static final String INGEST_PROMPTS_PREFIX = "maskmill.ingest.prompts-prefix";
    /** Samples per UNet call: ingest plans batches of it, the sample stage runs at most that many at once. */
    public static final String SAMPLE_BATCH_SIZE = "maskmill.sample.batch-size";

    /** Every name above: the settings a manifest may set through the environment. */
    public static final List<String> DEPLOYED = List.of(API_TOKENS, API_EVENT_ROUTES, FUNQY_EXPORT, SHUTDOWN_TIMEOUT, STORE_TYPE,
            STORE_BUCKET, STORE_ALLOWED_BUCKETS, STORE_S3_REGION, STORE_S3_ENDPOINT, EVENTS_DISPATCH,
            EVENTS_SINK_URL, MODELS_URI, INGEST_PROMPTS_PREFIX, SAMPLE_BATCH_SIZE);

    private ConfigNames() {}

    /**
     * The environment variable MicroProfile Config reads for {@code property}: every character that is
     * not a letter or digit becomes {@code _}, then upper case ({@code maskmill.store.bucket} ->
     * {@code MASKMILL_STORE_BUCKET}).
     */
    public static String env(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
