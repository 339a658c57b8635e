package io.maskmill.store;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code maskmill.store.*}: which store holds the artifacts, and how to reach it. */
@ConfigMapping(prefix = "maskmill.store")
public interface StoreConfig {
    enum Type {
        LOCAL, S3
    }

    /** {@code local} (the embedded default) or {@code s3}. */
    @WithDefault("local")
    Type type();

    /** The bucket (S3) or logical bucket name (local) that holds jobs, models and prompt uploads. */
    @WithDefault("maskmill")
    String bucket();

    /** Buckets that events and uploads may name besides {@link #bucket()}; any other is refused. */
    Optional<Set<String>> allowedBuckets();

    Local local();

    S3 s3();

    interface Local {
        /** Root directory of the local store. */
        @WithDefault("maskmill-data")
        String root();
    }

    interface S3 {
        /** Endpoint override for S3-compatible stores (MinIO, S3Proxy, ...); AWS's own when absent. */
        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        /** Path-style addressing ({@code endpoint/bucket/key}), needed by most S3-compatible stores. */
        @WithDefault("false")
        boolean pathStyle();

        /** Files at least this large are uploaded in parts. */
        @WithDefault("16777216")
        long multipartThreshold();

        /** Part size for multipart uploads (S3's minimum is 5 MiB). */
        @WithDefault("8388608")
        int partSize();
    }

    /** How the S3 client retries transient failures (no connection, time-outs, 5xx, throttling). */
    Retry retry();

    interface Retry {
        /** Attempts per store call, the first included; then the call fails as unavailable (503). */
        @WithDefault("4")
        int maxAttempts();

        /** First back-off; it doubles per attempt (with jitter) up to {@link #maxDelay()}. */
        @WithDefault("200ms")
        Duration baseDelay();

        @WithDefault("4s")
        Duration maxDelay();

        /** How long to wait for a TCP connection to the store. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** How long one attempt (request and response) may take; a multipart part is one attempt. */
        @WithDefault("60s")
        Duration attemptTimeout();
    }

    default Set<String> allAllowedBuckets() {
        java.util.Set<String> all = new java.util.TreeSet<>(allowedBuckets().orElse(Set.of()));
        all.add(bucket());
        return all;
    }
}
