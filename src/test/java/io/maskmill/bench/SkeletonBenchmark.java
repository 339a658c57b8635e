package io.maskmill.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.embedded.EmbeddedBroker;
import io.maskmill.embedded.FunctionCatalog;
import io.maskmill.events.EventType;
import io.maskmill.events.OutgoingEvent;
import io.maskmill.events.SampleGenerated;
import io.maskmill.events.SampleHeader;
import io.maskmill.events.SampleRequested;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.LocalArtifactStore;
import io.maskmill.store.S3ArtifactStore;
import io.maskmill.testing.S3TestServer;

/**
 * The skeleton's own costs, each against a baseline measured in the same run:
 * <ul>
 * <li>an in-process event hop through the embedded broker (JSON round trip, queue hand-off,
 * reflection) against calling the same function directly;</li>
 * <li>put and get of a 512×512 PNG in the local store against plain file writes and reads, and in
 * the S3 store against S3Proxy (in this JVM, SigV4 on) against the local store.</li>
 * </ul>
 * Run: {@code ./mvnw -q test-compile exec:java -Dexec.mainClass=io.maskmill.bench.SkeletonBenchmark}
 */
public final class SkeletonBenchmark {
    private static final int HOP_EVENTS = 20_000;
    private static final int STORE_OPS = 200;

    /**
     * Two trivial stages, so the benchmark measures the broker, not the work. Registered by hand:
     * an {@code @Funq} here would be picked up by Funqy in every Quarkus test.
     */
    public static final class Stages {
        public SampleGenerated sample(SampleRequested in) {
            return new SampleGenerated(in.sample(), Map.of("image", "file:/x.png"), Map.of("seed", "1"));
        }

        public void optimize(SampleGenerated in) {
            // the chain ends here
        }
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path tmp = Files.createTempDirectory("maskmill-bench");
        LocalArtifactStore local = new LocalArtifactStore(tmp.resolve("store"), Set.of("maskmill"));
        hops(json, local);
        byte[] png = png512();
        System.out.printf("%nStore, 512x512 PNG of %d bytes, %d puts and %d gets each, medians:%n", png.length,
                STORE_OPS, STORE_OPS);
        double[] files = plainFiles(tmp.resolve("plain"), png);
        double[] localStore = store(local, png);
        System.out.printf("  plain Files.write/readAllBytes  put %.3f ms  get %.3f ms  (baseline)%n", files[0], files[1]);
        System.out.printf("  local store (temp+fsync+rename)  put %.3f ms  get %.3f ms  (%.1fx / %.1fx baseline)%n",
                localStore[0], localStore[1], localStore[0] / files[0], localStore[1] / files[1]);
        try (S3TestServer server = new S3TestServer()) {
            server.createBucket("bench");
            try (var client = server.client()) {
                double[] s3 = store(new S3ArtifactStore(client, "bench", Set.of("bench"), 16 << 20, 8 << 20), png);
                System.out.printf("  S3 store -> S3Proxy (loopback)   put %.3f ms  get %.3f ms  (%.1fx / %.1fx local store)%n",
                        s3[0], s3[1], s3[0] / localStore[0], s3[1] / localStore[1]);
            }
        }
    }

    private static void hops(ObjectMapper json, ArtifactStore store) throws Exception {
        Stages stages = new Stages();
        FunctionCatalog catalog = new FunctionCatalog(List.of(), json, key -> Optional.ofNullable(
                key.equals("quarkus.funqy.knative-events.mapping.sample.response-type") ? EventType.SAMPLE_GENERATED.type() : null));
        catalog.register("sample", stages, Stages.class.getMethod("sample", SampleRequested.class));
        catalog.register("optimize", stages, Stages.class.getMethod("optimize", SampleGenerated.class));
        EmbeddedBroker broker = new EmbeddedBroker(catalog, json);
        SampleHeader header = new SampleHeader("bench", "s000001", 1, "dog", List.of("dog", "cat"));
        SampleRequested request = new SampleRequested(header, "a photo of a dog on the grass", 42L,
                Map.of("steps", "20", "guidance", "7.5", "scheduler", "euler"));
        OutgoingEvent event = OutgoingEvent.of(EventType.SAMPLE_REQUESTED, "/bench", "bench", "s000001", request);
        double direct = Double.MAX_VALUE;
        double brokered = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < HOP_EVENTS; i++) {
                stages.optimize(stages.sample(request));
            }
            direct = Math.min(direct, (System.nanoTime() - t0) / (2.0 * HOP_EVENTS));
            long t1 = System.nanoTime();
            for (int i = 0; i < HOP_EVENTS; i++) {
                broker.publish(event);
            }
            if (!broker.awaitIdle(Duration.ofMinutes(5))) {
                throw new IllegalStateException("broker did not drain");
            }
            brokered = Math.min(brokered, (System.nanoTime() - t1) / (2.0 * HOP_EVENTS));
        }
        System.out.printf("In-process event hop, best of 5 rounds of %d two-hop chains:%n", HOP_EVENTS);
        System.out.printf("  direct method call          %8.2f us/hop (baseline)%n", direct / 1000);
        System.out.printf("  embedded broker             %8.2f us/hop (+%.2f us overhead, %.0fx)%n", brokered / 1000,
                (brokered - direct) / 1000, brokered / direct);
    }

    private static double[] plainFiles(Path dir, byte[] png) throws Exception {
        Files.createDirectories(dir);
        double[] put = new double[STORE_OPS];
        double[] get = new double[STORE_OPS];
        for (int i = 0; i < STORE_OPS; i++) {
            Path file = dir.resolve("image-" + (i % 10) + ".png");
            long t0 = System.nanoTime();
            Files.write(file, png);
            put[i] = (System.nanoTime() - t0) / 1e6;
            long t1 = System.nanoTime();
            Files.readAllBytes(file);
            get[i] = (System.nanoTime() - t1) / 1e6;
        }
        return new double[] { median(put), median(get) };
    }

    private static double[] store(ArtifactStore store, byte[] png) {
        double[] put = new double[STORE_OPS];
        double[] get = new double[STORE_OPS];
        for (int i = 0; i < STORE_OPS; i++) {
            String key = "jobs/bench/samples/s" + (i % 10) + "/sample/image.png";
            long t0 = System.nanoTime();
            store.put(key, png, "image/png");
            put[i] = (System.nanoTime() - t0) / 1e6;
            long t1 = System.nanoTime();
            store.get(key);
            get[i] = (System.nanoTime() - t1) / 1e6;
        }
        return new double[] { median(put), median(get) };
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** A photo-like 512² image (smooth gradients plus noise), so the PNG has a realistic size. */
    private static byte[] png512() throws Exception {
        BufferedImage image = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(1);
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                int r = Math.min(255, x / 2 + random.nextInt(24));
                int g = Math.min(255, y / 2 + random.nextInt(24));
                int b = Math.min(255, (x + y) / 4 + random.nextInt(24));
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
