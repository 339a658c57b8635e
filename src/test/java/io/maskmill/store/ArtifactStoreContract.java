package io.maskmill.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.maskmill.events.InvalidInputException;

/** What every {@link ArtifactStore} must do; each implementation's test runs all of it. */
abstract class ArtifactStoreContract {
    @TempDir
    Path tmp;

    abstract ArtifactStore store();

    @Test
    void putThenGetReturnsTheSameBytesAndAUriThatResolvesBack() throws IOException {
        byte[] png = png(64, 48, 1);
        String key = ArtifactKeys.stage("j1", "s000001", "sample", "image.png");
        var uri = store().put(key, png, "image/png");
        assertArrayEquals(png, store().get(key));
        assertEquals(key, store().keyOf(uri));
        assertArrayEquals(png, store().get(uri));
        assertTrue(store().exists(key));
    }

    @Test
    void rewritingAKeyReplacesTheObjectWhole() {
        String key = "jobs/j1/job.json";
        store().put(key, "{\"v\":1}".getBytes(), "application/json");
        store().put(key, "{\"v\":2}".getBytes(), "application/json");
        assertEquals("{\"v\":2}", new String(store().get(key)));
        assertEquals(List.of(key), store().list("jobs/j1/"));
    }

    @Test
    void listsKeysUnderAPrefixSorted() {
        store().put("jobs/j2/samples/s000002/sample/event.json", new byte[] {1}, "application/json");
        store().put("jobs/j2/samples/s000001/sample/event.json", new byte[] {1}, "application/json");
        store().put("jobs/j20/job.json", new byte[] {1}, "application/json");
        assertEquals(List.of("jobs/j2/samples/s000001/sample/event.json", "jobs/j2/samples/s000002/sample/event.json"),
                store().list("jobs/j2/samples/"));
        assertEquals(List.of(), store().list("jobs/nothing/"));
    }

    @Test
    void largeFilesGoUpWholeFromDisk() throws IOException {
        byte[] big = new byte[(17 << 20) + 123];
        new Random(7).nextBytes(big);
        Path file = Files.write(tmp.resolve("big.bin"), big);
        String key = "models/big/unet/weights.pb";
        store().put(key, file, "application/octet-stream");
        assertArrayEquals(big, store().get(key));
    }

    @Test
    void missingKeysAreReportedNotNull() {
        var e = assertThrows(NoSuchArtifactException.class, () -> store().get("jobs/none/job.json"));
        assertTrue(e.getMessage().contains("jobs/none/job.json"), e.getMessage());
        assertFalse(store().exists("jobs/none/job.json"));
    }

    @Test
    void keysThatCouldEscapeAreRefused() {
        for (String bad : List.of("../etc/passwd", "jobs/../../x", "/abs/key", "jobs//x", "jobs/./x", "a\\b", "jobs/x/")) {
            var e = assertThrows(InvalidInputException.class, () -> store().put(bad, new byte[1], "text/plain"), bad);
            assertTrue(e.getMessage().contains("key"), e.getMessage());
        }
    }

    @Test
    void createWritesOnlyWhereNothingIs() {
        String key = "jobs/c1/job.json";
        store().create(key, "{\"v\":1}".getBytes(), "application/json");
        assertThrows(ArtifactExistsException.class, () -> store().create(key, "{\"v\":2}".getBytes(), "application/json"));
        assertEquals("{\"v\":1}", new String(store().get(key)));
    }

    @Test
    void ofConcurrentCreatesOfOneKeyExactlyOneWins() throws Exception {
        String key = "jobs/c2/job.json";
        int writers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < writers; i++) {
                byte[] mine = ("{\"writer\":" + i + "}").getBytes();
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        store().create(key, mine, "application/json");
                        return true;
                    } catch (ArtifactExistsException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int winner = -1;
            for (int i = 0; i < writers; i++) {
                if (results.get(i).get()) {
                    assertEquals(-1, winner, "two creates succeeded: " + winner + " and " + i);
                    winner = i;
                }
            }
            assertTrue(winner >= 0, "no create succeeded");
            assertEquals("{\"writer\":" + winner + "}", new String(store().get(key)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void foreignBucketsAreRefused() {
        var e = assertThrows(InvalidInputException.class, () -> store().get("someone-elses-bucket", "prompts/x.txt"));
        assertTrue(e.getMessage().contains("someone-elses-bucket"), e.getMessage());
    }

    static byte[] png(int w, int h, long seed) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
