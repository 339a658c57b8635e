package io.maskmill.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts an {@link S3TestServer} for a Quarkus test profile and points the application's store at it. */
public class S3TestServerResource implements QuarkusTestResourceLifecycleManager {
    public static final String BUCKET = "maskmill-test";
    public static final String UPLOADS = "maskmill-uploads";
    private static S3TestServer server;

    public static S3TestServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = new S3TestServer();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
        server.createBucket(BUCKET);
        server.createBucket(UPLOADS);
        Map<String, String> config = new HashMap<>(server.storeConfig(BUCKET));
        config.put("maskmill.store.allowed-buckets", UPLOADS);
        return config;
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
