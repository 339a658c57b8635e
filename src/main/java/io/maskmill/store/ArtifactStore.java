package io.maskmill.store;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Where every artifact of every job lives. Two implementations share one key layout
 * ({@link ArtifactKeys}): {@link S3ArtifactStore} and {@link LocalArtifactStore}.
 *
 * <p>Writes are all-or-nothing: a reader sees either the previous object or the complete new one
 * under a key, never half of it. Keys are deterministic, so a redelivered event rewrites the same
 * objects with the same bytes.
 */
public interface ArtifactStore {

    /** Stores {@code bytes} under {@code key} and returns the artifact's URI. */
    URI put(String key, byte[] bytes, String contentType);

    /**
     * Stores {@code bytes} under {@code key} only if no object is there yet, atomically: of two
     * concurrent creates of one key exactly one succeeds, and the other gets
     * {@link ArtifactExistsException} and leaves the first one's object as it is (a retried S3
     * attempt that finds the bytes its own earlier attempt wrote counts as success). No default: a
     * wrapper that looked, then wrote, would silently lose the atomicity job creation relies on.
     */
    URI create(String key, byte[] bytes, String contentType);

    /** Stores a file's content under {@code key} (streamed; multipart on S3 when large). */
    URI put(String key, Path file, String contentType);

    /** The object under {@code key}; {@link NoSuchArtifactException} if there is none. */
    byte[] get(String key);

    /** The object an artifact URI of this store points at, after checking the URI belongs to this store. */
    default byte[] get(URI uri) {
        return get(keyOf(uri));
    }

    boolean exists(String key);

    /** All keys that start with {@code prefix}, sorted. */
    List<String> list(String prefix);

    /** The URI other stages use to refer to {@code key}. */
    URI uri(String key);

    /**
     * The key an artifact URI refers to. Rejects URIs of another scheme, another bucket or root
     * (outside the allow-list) and keys that fail {@link KeyPolicy}.
     */
    String keyOf(URI uri);

    /** The object under {@code key} of another allowed bucket (S3) — used for uploads that start jobs. */
    byte[] get(String bucket, String key);

    /** Whether events and uploads may name {@code bucket} (the store's own, or one on the allow-list). */
    boolean allowsBucket(String bucket);

    /** A short description for logs: {@code s3://bucket (endpoint)} or {@code file:/dir}. */
    String describe();
}
