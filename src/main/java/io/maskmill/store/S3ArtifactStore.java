package io.maskmill.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;

import io.maskmill.events.InvalidInputException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Artifacts in an S3 bucket (or any S3-compatible store). S3 makes an object visible only when
 * its upload completes, so readers never see half an object; large files go up in parts and an
 * upload that fails is aborted, leaving nothing behind.
 *
 * <p>Transient failures (no connection, time-outs, 5xx, throttling) are retried by the client's
 * retry strategy ({@link StoreProducer#s3Client}); what still fails is a
 * {@link StoreUnavailableException}, which functions answer with 503 so the broker redelivers.
 * Create-only writes are S3 conditional writes ({@code If-None-Match: *}).
 */
public final class S3ArtifactStore implements ArtifactStore {
    private static final Logger LOG = Logger.getLogger(S3ArtifactStore.class);
    private final S3Client s3;
    /** Cleared when the server answers a conditional write with 501 (not implemented). */
    private volatile boolean conditionalWrites = true;
    private final String bucket;
    private final Set<String> allowedBuckets;
    private final long multipartThreshold;
    private final int partSize;

    public S3ArtifactStore(S3Client s3, String bucket, Set<String> allowedBuckets, long multipartThreshold,
            int partSize) {
        if (partSize < 5 * 1024 * 1024) {
            throw new IllegalArgumentException("S3 parts must be at least 5 MiB, was " + partSize);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.allowedBuckets = Set.copyOf(allowedBuckets);
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
    }

    @Override
    public URI put(String key, byte[] bytes, String contentType) {
        KeyPolicy.validate(key);
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
            return uri(key);
        } catch (SdkException e) {
            throw failure("cannot write s3://" + bucket + "/" + key, e);
        }
    }

    @Override
    public URI create(String key, byte[] bytes, String contentType) {
        KeyPolicy.validate(key);
        if (!conditionalWrites) {
            return createByLookingFirst(key, bytes, contentType);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).ifNoneMatch("*"),
                        RequestBody.fromBytes(bytes));
                return uri(key);
            } catch (S3Exception e) {
                if (e.statusCode() == 412) {
                    // A retried attempt can find the object its own earlier attempt wrote before the
                    // connection failed: that one is ours if it holds our bytes.
                    if (e.numAttempts() > 1 && Arrays.equals(bytes, get(key))) {
                        return uri(key);
                    }
                    throw new ArtifactExistsException("s3://" + bucket + "/" + key);
                }
                // 409: a concurrent conditional write of the same key is under way; its outcome decides
                if (e.statusCode() == 409 && attempt < 5) {
                    pause(attempt);
                    continue;
                }
                if (e.statusCode() == 501) {
                    conditionalWrites = false;
                    LOG.warnf("s3://%s does not implement conditional writes (If-None-Match); job creation falls back"
                            + " to look-then-write, which is exclusive only within this instance", bucket);
                    return createByLookingFirst(key, bytes, contentType);
                }
                throw failure("cannot create s3://" + bucket + "/" + key, e);
            } catch (SdkException e) {
                throw failure("cannot create s3://" + bucket + "/" + key, e);
            }
        }
    }

    /** For servers without conditional writes: exclusive among this instance's threads only. */
    private synchronized URI createByLookingFirst(String key, byte[] bytes, String contentType) {
        if (exists(key)) {
            throw new ArtifactExistsException("s3://" + bucket + "/" + key);
        }
        return put(key, bytes, contentType);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(50L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for a conflicting write", e);
        }
    }

    /**
     * What a failure that survived the client's retries means: the store is unavailable (no answer,
     * 5xx, throttling — try again later) or it refused this request (credentials, bucket: a fault to fix).
     */
    static StoreException failure(String what, SdkException e) {
        if (e instanceof SdkClientException) {
            return new StoreUnavailableException(what + ": the store did not answer (" + e.getMessage() + ")", e);
        }
        if (e instanceof AwsServiceException service && (service.statusCode() >= 500 || service.statusCode() == 429
                || service.isThrottlingException())) {
            return new StoreUnavailableException(what + ": the store answered " + service.statusCode() + " ("
                    + service.getMessage() + ")", e);
        }
        return new StoreException(what + ": " + e.getMessage(), e);
    }

    @Override
    public URI put(String key, Path file, String contentType) {
        KeyPolicy.validate(key);
        try {
            if (Files.size(file) < multipartThreshold) {
                s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
            } else {
                putMultipart(key, file, contentType);
            }
            return uri(key);
        } catch (SdkException e) {
            throw failure("cannot write s3://" + bucket + "/" + key + " from " + file, e);
        } catch (IOException e) {
            throw new StoreException("cannot write s3://" + bucket + "/" + key + " from " + file, e);
        }
    }

    private void putMultipart(String key, Path file, String contentType) throws IOException {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)).uploadId();
        try (InputStream in = Files.newInputStream(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            byte[] buffer = new byte[partSize];
            int partNumber = 1;
            int n;
            while ((n = in.readNBytes(buffer, 0, partSize)) > 0) {
                int number = partNumber++;
                RequestBody body = RequestBody.fromByteBuffer(java.nio.ByteBuffer.wrap(buffer, 0, n));
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number), body)
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (IOException | RuntimeException e) {
            // An aborted upload leaves no object and no billable parts behind.
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }

    @Override
    public byte[] get(String key) {
        return read(bucket, KeyPolicy.validate(key));
    }

    @Override
    public byte[] get(String otherBucket, String key) {
        if (!allowsBucket(otherBucket)) {
            throw new InvalidInputException("bucket '" + otherBucket + "' is not allowed (allowed: " + allowedBuckets + ")");
        }
        return read(otherBucket, KeyPolicy.validate(key));
    }

    private byte[] read(String fromBucket, String key) {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(fromBucket).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            throw NoSuchArtifactException.at("s3://" + fromBucket + "/" + key);
        } catch (SdkException e) {
            throw failure("cannot read s3://" + fromBucket + "/" + key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        KeyPolicy.validate(key);
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure("cannot look up s3://" + bucket + "/" + key, e);
        } catch (SdkException e) {
            throw failure("cannot look up s3://" + bucket + "/" + key, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        try {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(S3Object::key)
                    .sorted()
                    .toList();
        } catch (SdkException e) {
            throw failure("cannot list s3://" + bucket + "/" + prefix, e);
        }
    }

    @Override
    public URI uri(String key) {
        return URI.create("s3://" + bucket + "/" + S3Uris.encodePath(key));
    }

    @Override
    public String keyOf(URI uri) {
        if (!"s3".equals(uri.getScheme())) {
            throw new InvalidInputException("artifact URI '" + uri + "' is not an s3:// URI");
        }
        if (!bucket.equals(uri.getHost())) {
            throw new InvalidInputException("artifact URI '" + uri + "' names bucket '" + uri.getHost()
                    + "', not this store's bucket '" + bucket + "'");
        }
        String path = uri.getPath();
        return KeyPolicy.validate(path == null || path.isEmpty() ? "" : path.substring(1));
    }

    @Override
    public boolean allowsBucket(String name) {
        return allowedBuckets.contains(name);
    }

    @Override
    public String describe() {
        return "s3://" + bucket;
    }
}
