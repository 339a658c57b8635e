package io.maskmill.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.maskmill.runtime.OnnxRuntime;
import io.maskmill.runtime.RuntimeSettings;
import io.maskmill.sample.model.TinyModelSet;
import io.maskmill.sample.model.TinyVariant;

/**
 * Two JVMs on one model cache: the second starts (generates, finds and loads the tiny model) while
 * the first is sampling from the weights it has mapped, and both finish; the first one's files are
 * not rewritten.
 */
class SharedCacheTest {
    private static final Duration LIMIT = Duration.ofMinutes(4);

    @TempDir
    Path tmp;

    @Test
    void aSecondProcessStartingOnTheCacheLeavesTheFirstSampling() throws Exception {
        Path cache = tmp.resolve("cache");
        Path marker = tmp.resolve("second-has-loaded");
        Process first = start("first", cache, marker);
        BufferedReader firstOut = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
        String folder = awaitLine(firstOut, "SAMPLING ");
        BasicFileAttributes before = Files.readAttributes(Path.of(folder, "unet/weights.pb"), BasicFileAttributes.class);

        Process second = start("second", cache, marker);
        List<String> secondLines = readAll(second);
        assertThat(second.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as("second process: " + secondLines).isZero();
        assertThat(secondLines).contains("SAMPLING " + folder, "DONE");

        List<String> firstLines = new ArrayList<>();
        for (String line; (line = firstOut.readLine()) != null;) {
            firstLines.add(line);
        }
        assertThat(first.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("first process: " + firstLines).isZero();
        assertThat(firstLines).contains("DONE");
        BasicFileAttributes after = Files.readAttributes(Path.of(folder, "unet/weights.pb"), BasicFileAttributes.class);
        assertThat(after.fileKey()).as("same inode").isEqualTo(before.fileKey());
        assertThat(after.lastModifiedTime()).as("never rewritten").isEqualTo(before.lastModifiedTime());
    }

    private Process start(String role, Path cache, Path marker) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the class path goes in an argument file: ONNX Runtime 1.29's environment crashes (SIGSEGV) in a JVM
        // whose command line is tens of kilobytes long, as a spelled-out Maven test class path is
        Path args = tmp.resolve("java-args-" + role);
        Files.writeString(args, "-cp \"" + System.getProperty("java.class.path") + "\"");
        return new ProcessBuilder(java, "-Xmx512m", "@" + args, CacheUser.class.getName(),
                role, cache.toString(), marker.toString()).redirectErrorStream(true).start();
    }

    private static String awaitLine(BufferedReader out, String prefix) throws IOException {
        List<String> seen = new ArrayList<>();
        for (String line; (line = out.readLine()) != null;) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
            seen.add(line);
        }
        throw new AssertionError("the first process ended before sampling: " + seen);
    }

    private static List<String> readAll(Process p) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                lines.add(line);
            }
        }
        return lines;
    }

    /**
     * One process on the cache. "first" samples until the second has loaded the model (the marker
     * file appears, at most two minutes), then once more; "second" loads, writes the marker, samples once.
     */
    public static final class CacheUser {
        public static void main(String[] args) throws Exception {
            String role = args[0];
            Path cache = Path.of(args[1]);
            File marker = new File(args[2]);
            Path folder = TinyModelSet.prepared(TinyVariant.SD1, cache);
            try (OnnxRuntime runtime = new OnnxRuntime(RuntimeSettings.cpu().withThreads(1))) {
                DiffusionPipeline pipeline = new DiffusionPipeline(DiffusionModel.load(folder, runtime), runtime.env());
                SampleSettings settings = new SampleSettings(4, 2, null, SampleSettings.DEFAULT_WEIGHTS, false);
                pipeline.generate("a photo of a dog", "dog", new long[] { 1 }, settings);
                System.out.println("SAMPLING " + folder);
                System.out.flush();
                if (role.equals("second")) {
                    Files.writeString(marker.toPath(), "loaded");
                } else {
                    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                    while (!marker.exists() && System.nanoTime() < end) {
                        pipeline.generate("a photo of a dog", "dog", new long[] { 2 }, settings);
                    }
                }
                pipeline.generate("a photo of a cat", "cat", new long[] { 3 }, settings);
            }
            System.out.println("DONE");
        }
    }
}
