package io.maskmill.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.maskmill.runtime.ExecutionProvider;
import io.maskmill.runtime.OnnxRuntime;
import io.maskmill.runtime.RuntimeSettings;
import io.maskmill.sample.DiffusionModel;
import io.maskmill.sample.DiffusionPipeline;
import io.maskmill.sample.GeneratedSample;
import io.maskmill.sample.SampleSettings;
import io.maskmill.sample.model.Sd15Unet;
import io.maskmill.sample.prepare.ModelManifest;
import io.maskmill.sample.prepare.ModelPreparer;
import io.maskmill.sample.scheduler.SchedulerKind;

/**
 * Real size on CPU: a UNet with Stable Diffusion 1.5's configuration and random weights (860 M
 * parameters, 3.4 GB weights.pb, written by the project's generator). Reports the generator's time,
 * {@code prepare}'s time and peak resident memory (in a JVM of its own, VmHWM), and per UNet step at
 * 512² (latent 64², CFG batch 2): ONNX Runtime's seconds and the Java share of the step (scheduler,
 * guidance, attention accumulation, copies), against the target of ≤ 5 %.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.maskmill.bench.Sd15Benchmark -Dexec.args=/tmp/sd15</pre>
 * The folder (never commit it) is written when missing.
 *
 * <p>With {@code -Dexec.args="batches /tmp/sd15 [latent side, default 16] [cpu|cuda]"} (run {@code ./mvnw -q test-compile} first and {@code exec:java}
 * apart: the build's npm execution would take the arguments too): the same graph and weights prepared for a 16² latent
 * (128² images, so that 8 images with CFG — a UNet batch of 16 — fit a shared 2-core machine's time and
 * memory), 2 DDIM steps at UNet batches of 1, 4 and 8 images: UNet images/s (images over the UNet's
 * own seconds) and whole-pipeline images/s as ratios to batch 1 in the same run, and the resident
 * memory after each.
 */
public final class Sd15Benchmark {
    private static final int STEPS = 3;

    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[0].equals("prepare")) {
            prepareAndReport(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        if (args.length > 0 && args[0].equals("batches")) {
            batches(Path.of(args.length > 1 ? args[1] : "/tmp/maskmill-sd15"),
                    args.length > 2 ? Integer.parseInt(args[2]) : BATCH_LATENT,
                    args.length > 3 ? ExecutionProvider.valueOf(args[3].toUpperCase(java.util.Locale.ROOT)) : ExecutionProvider.CPU);
            return;
        }
        Path root = Path.of(args.length > 0 ? args[0] : "/tmp/maskmill-sd15");
        Path raw = root.resolve("sd15-random");
        if (!Files.isRegularFile(raw.resolve("unet/weights.pb"))) {
            long t0 = System.nanoTime();
            long parameters = Sd15Unet.writeFolder(raw);
            System.out.printf("generator: %,d parameters written in %.1f s%n", parameters, (System.nanoTime() - t0) / 1e9);
        }
        Path prepared = root.resolve("sd15-prepared");
        prepareInOwnJvm(raw, prepared, root);

        try (OnnxRuntime runtime = new OnnxRuntime(RuntimeSettings.cpu())) {
            long l0 = System.nanoTime();
            DiffusionModel model = DiffusionModel.load(prepared, runtime);
            System.out.printf("load: %.1f s%n", (System.nanoTime() - l0) / 1e9);
            DiffusionPipeline pipeline = new DiffusionPipeline(model, runtime.env());
            SampleSettings settings = new SampleSettings(STEPS, 7.5, SchedulerKind.DDIM, SampleSettings.DEFAULT_WEIGHTS, true);
            GeneratedSample s = pipeline.generate("a photo of a dog on a sofa", "dog", new long[] { 1 }, settings).get(0);
            double unet = s.timingsMs().get("unet") / STEPS;
            double java = s.timingsMs().get("stepJava") / STEPS;
            System.out.printf("512² (latent 64², CFG batch 2), %d steps: UNet %.2f s/step, Java %.1f ms/step = %.2f %% of the step%n",
                    STEPS, unet / 1000, java, 100 * java / (unet + java));
        }
    }

    private static final int BATCH_LATENT = 16;
    private static final int BATCH_STEPS = 2;

    /** UNet batches of 1, 4, 8 images on the SD 1.5 graph at a {@code latent}² latent; see the class comment. */
    private static void batches(Path root, int latent, ExecutionProvider provider) throws IOException {
        Path raw = root.resolve("sd15-random");
        if (!Files.isRegularFile(raw.resolve("unet/weights.pb"))) {
            long t0 = System.nanoTime();
            long parameters = Sd15Unet.writeFolder(raw);
            System.out.printf("generator: %,d parameters written in %.1f s%n", parameters, (System.nanoTime() - t0) / 1e9);
        }
        Path prepared = root.resolve("sd15-prepared-" + latent);
        if (!Files.isRegularFile(prepared.resolve(ModelManifest.FILE))) {
            ModelPreparer.prepare(raw, prepared, ModelPreparer.Options.defaults().withLatentSize(latent));
        }
        System.out.println(PngBenchmark.loadAverage() + "; latent " + latent + "², " + provider);
        RuntimeSettings cpu = RuntimeSettings.cpu();
        try (OnnxRuntime runtime = new OnnxRuntime(new RuntimeSettings(provider, 0, 0, 0, cpu.cpuArena(), cpu.memoryPattern()))) {
            DiffusionModel model = DiffusionModel.load(prepared, runtime);
            DiffusionPipeline pipeline = new DiffusionPipeline(model, runtime.env());
            SampleSettings settings = new SampleSettings(BATCH_STEPS, 7.5, SchedulerKind.DDIM, SampleSettings.DEFAULT_WEIGHTS,
                    true);
            pipeline.generate("a photo of a dog on a sofa", "dog", new long[] { 0 }, settings); // warm-up
            System.out.println("provider: " + runtime.activeProvider());
            System.out.printf("| batch (UNet batch with CFG) | UNet s/step | UNet images/s | × batch 1 | images/s (pipeline) | × batch 1 "
                    + "| resident after |%n|---|---:|---:|---:|---:|---:|---:|%n");
            double[] one = null;
            for (int batch : new int[] { 1, 4, 8 }) {
                long[] seeds = new long[batch];
                for (int i = 0; i < batch; i++) {
                    seeds[i] = 1 + i;
                }
                long t0 = System.nanoTime();
                GeneratedSample s = pipeline.generate("a photo of a dog on a sofa", "dog", seeds, settings).get(0);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double unet = s.timingsMs().get("unet") / 1000;
                double[] r = { batch / unet, batch / seconds };
                one = one == null ? r : one;
                System.out.printf("| %d (%d) | %.2f | %.3f | %.2f | %.3f | %.2f | %s |%n", batch, 2 * batch, unet / BATCH_STEPS,
                        r[0], r[0] / one[0], r[1], r[1] / one[1], resident());
            }
        }
    }

    private static String resident() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .findFirst().orElse("VmRSS: ?").substring(6).trim();
    }

    /** Runs prepare in a fresh JVM, so its peak resident memory is prepare's own. */
    private static void prepareInOwnJvm(Path raw, Path prepared, Path root) throws IOException, InterruptedException {
        Path argFile = root.resolve("java-args");
        // an argument file: a long spelled-out class path on the command line crashes ONNX Runtime's environment
        Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path") + "\"");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + argFile,
                Sd15Benchmark.class.getName(), "prepare", raw.toString(), prepared.toString()).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                System.out.println(line);
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("prepare failed");
        }
    }

    private static void prepareAndReport(Path raw, Path prepared) throws IOException {
        long t0 = System.nanoTime();
        ModelPreparer.prepare(raw, prepared, ModelPreparer.Options.defaults());
        double seconds = (System.nanoTime() - t0) / 1e9;
        String peak = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                .findFirst().orElse("VmHWM: ?").replaceAll("\\s+", " ");
        System.out.printf("prepare: %.2f s, peak resident memory of its JVM %s%n", seconds, peak.substring(6).trim());
    }
}
