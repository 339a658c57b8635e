package io.maskmill.ops;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import io.maskmill.store.ArtifactStore;
import io.maskmill.store.StoreException;

/** Counts the store's own failures ({@link StoreException}: I/O, network, permissions) by operation. */
public final class MeteredArtifactStore implements ArtifactStore {
    private final ArtifactStore store;
    private final EventTelemetry telemetry;

    public MeteredArtifactStore(ArtifactStore store, EventTelemetry telemetry) {
        this.store = store;
        this.telemetry = telemetry;
    }

    private <T> T counted(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (StoreException e) {
            telemetry.storeError(operation);
            throw e;
        }
    }

    @Override
    public URI put(String key, byte[] bytes, String contentType) {
        return counted("put", () -> store.put(key, bytes, contentType));
    }

    @Override
    public URI create(String key, byte[] bytes, String contentType) {
        return counted("create", () -> store.create(key, bytes, contentType));
    }

    @Override
    public URI put(String key, Path file, String contentType) {
        return counted("put", () -> store.put(key, file, contentType));
    }

    @Override
    public byte[] get(String key) {
        return counted("get", () -> store.get(key));
    }

    @Override
    public byte[] get(URI uri) {
        return counted("get", () -> store.get(uri));
    }

    @Override
    public boolean exists(String key) {
        return counted("exists", () -> store.exists(key));
    }

    @Override
    public List<String> list(String prefix) {
        return counted("list", () -> store.list(prefix));
    }

    @Override
    public URI uri(String key) {
        return store.uri(key);
    }

    @Override
    public String keyOf(URI uri) {
        return store.keyOf(uri);
    }

    @Override
    public byte[] get(String bucket, String key) {
        return counted("get", () -> store.get(bucket, key));
    }

    @Override
    public boolean allowsBucket(String bucket) {
        return store.allowsBucket(bucket);
    }

    @Override
    public String describe() {
        return store.describe();
    }

    /** The store this one counts for. */
    public ArtifactStore delegate() {
        return store;
    }
}
