package io.maskmill.testing;

import java.net.URI;
import java.util.Map;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import io.maskmill.store.StoreConfig;
import io.maskmill.store.StoreProducer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for tests: S3Proxy, in this JVM, on a free loopback port, with
 * SigV4 authentication on. Clients find the credentials through the SDK's default chain
 * (the {@code aws.accessKeyId} / {@code aws.secretAccessKey} system properties), as in production.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "maskmill-test";
    public static final String SECRET_KEY = "maskmill-test-secret-key";
    public static final String REGION = "us-east-1";

    /** Outlives a stop, so a restarted server serves the same objects (as a real S3 outage would). */
    private final TransientNio2BlobStore blobs = new TransientNio2BlobStore();
    private S3Proxy proxy;
    private final int port;

    public S3TestServer() throws Exception {
        proxy = start(0);
        port = proxy.getPort();
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }

    private S3Proxy start(int onPort) throws Exception {
        S3Proxy started = S3Proxy.builder()
                .blobStore(blobs)
                .endpoint(URI.create("http://127.0.0.1:" + onPort))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        started.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"STARTED".equals(started.getState())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + started.getState());
            }
            Thread.sleep(10);
        }
        return started;
    }

    /** Takes the server down: connections to its port are refused until {@link #restart()}. */
    public synchronized void stop() throws Exception {
        proxy.stop();
    }

    /** Serves again on the same port, with every object stored before the stop. */
    public synchronized void restart() throws Exception {
        proxy = start(port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Configuration that points Maskmill's S3 store at this server. */
    public Map<String, String> storeConfig(String bucket) {
        return Map.of("maskmill.store.type", "s3",
                "maskmill.store.bucket", bucket,
                "maskmill.store.s3.endpoint", endpoint().toString(),
                "maskmill.store.s3.region", REGION,
                "maskmill.store.s3.path-style", "true");
    }

    /** A client built the way the application builds its own. */
    public S3Client client() {
        return StoreProducer.s3Client(new StoreConfig.S3() {
            public java.util.Optional<URI> endpoint() {
                return java.util.Optional.of(S3TestServer.this.endpoint());
            }

            public String region() {
                return REGION;
            }

            public boolean pathStyle() {
                return true;
            }

            public long multipartThreshold() {
                return 16 << 20;
            }

            public int partSize() {
                return 8 << 20;
            }
        });
    }

    public void createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public synchronized void close() throws Exception {
        proxy.stop();
    }
}
