package io.maskmill.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the configured {@link ArtifactStore} once per instance. */
@ApplicationScoped
public class StoreProducer {
    private static final Logger LOG = Logger.getLogger(StoreProducer.class);

    @Produces
    @ApplicationScoped
    ArtifactStore store(StoreConfig config, LocalRootOverride override) {
        Optional<Path> root = override.takeForStore();
        if (root.isPresent() && config.type() != StoreConfig.Type.LOCAL) {
            throw new IllegalStateException("an output directory was given, but maskmill.store.type is " + config.type());
        }
        ArtifactStore store = switch (config.type()) {
            case LOCAL -> new LocalArtifactStore(root.orElse(Path.of(config.local().root())), config.allAllowedBuckets());
            case S3 -> new S3ArtifactStore(s3Client(config.s3(), config.retry()), config.bucket(), config.allAllowedBuckets(),
                    config.s3().multipartThreshold(), config.s3().partSize());
        };
        LOG.infof("Artifact store: %s", store.describe());
        return store;
    }

    /** Credentials come from the default chain: env, system properties, profile, IRSA web identity, instance role. */
    public static S3Client s3Client(StoreConfig.S3 config) {
        return s3Client(config, DEFAULT_RETRY);
    }

    /**
     * As {@link #s3Client(StoreConfig.S3)}, retrying transient failures with the SDK's standard
     * retry strategy (its own test of what is transient: I/O errors, 5xx, throttling), exponential
     * back-off with jitter, and time-outs so that a store that does not answer fails an attempt
     * instead of hanging it.
     */
    public static S3Client s3Client(StoreConfig.S3 config, StoreConfig.Retry retry) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(retry.connectTimeout())
                        .socketTimeout(retry.attemptTimeout()))
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(retry.maxAttempts())
                                .backoffStrategy(BackoffStrategy.exponentialDelay(retry.baseDelay(), retry.maxDelay()))
                                .throttlingBackoffStrategy(
                                        BackoffStrategy.exponentialDelay(retry.baseDelay(), retry.maxDelay()))
                                .build())
                        .apiCallAttemptTimeout(retry.attemptTimeout()))
                .forcePathStyle(config.pathStyle());
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The defaults of {@code maskmill.store.retry.*}, for clients built outside configuration. */
    static final StoreConfig.Retry DEFAULT_RETRY = new StoreConfig.Retry() {
        public int maxAttempts() {
            return 4;
        }

        public Duration baseDelay() {
            return Duration.ofMillis(200);
        }

        public Duration maxDelay() {
            return Duration.ofSeconds(4);
        }

        public Duration connectTimeout() {
            return Duration.ofSeconds(2);
        }

        public Duration attemptTimeout() {
            return Duration.ofSeconds(60);
        }
    };
}
