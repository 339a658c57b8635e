package io.maskmill.bench;

import java.nio.file.Path;
import java.util.List;

import io.maskmill.runtime.OnnxRuntime;
import io.maskmill.runtime.RuntimeSettings;
import io.maskmill.sample.DiffusionModel;
import io.maskmill.sample.DiffusionPipeline;
import io.maskmill.sample.GeneratedSample;
import io.maskmill.sample.SampleSettings;
import io.maskmill.sample.model.TinyModelSet;
import io.maskmill.sample.model.TinyVariant;

/**
 * Sample stage on CPU with the tiny models, at UNet batches of 1, 4 and 8 images (CFG doubles each):
 * per-step Java work (scheduler, guidance, attention accumulation, copies in and out of the tensors)
 * as a fraction of the UNet's run time in the same steps; UNet images/s (images over the UNet's own
 * seconds for all 20 steps) and whole-pipeline images/s (text encoder, 20 steps, VAE, maps), each as
 * a ratio to batch 1 in the same run. Every batch size makes the same number of images, in rounds
 * that interleave the batch sizes (the means of the rounds are shown).
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.mainClass=io.maskmill.bench.SampleBenchmark</pre>
 */
public final class SampleBenchmark {
    private static final int STEPS = 20;
    private static final int IMAGES = 64;
    private static final int ROUNDS = 4;
    private static final int[] BATCHES = { 1, 4, 8 };

    public static void main(String[] args) {
        System.out.println(PngBenchmark.loadAverage());
        System.out.println("| model | batch | UNet ms/step | Java ms/step | Java / UNet | UNet images/s | × batch 1 | images/s (pipeline) | × batch 1 |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        try (OnnxRuntime runtime = new OnnxRuntime(RuntimeSettings.cpu())) {
            for (TinyVariant v : List.of(TinyVariant.SD1, TinyVariant.JOINT)) {
                DiffusionModel model = DiffusionModel.load(TinyModelSet.prepared(v, Path.of("target/bench-models")), runtime);
                DiffusionPipeline pipeline = new DiffusionPipeline(model, runtime.env());
                SampleSettings settings = new SampleSettings(STEPS, TinyModelSet.TINY_GUIDANCE, null,
                        SampleSettings.DEFAULT_WEIGHTS, true);
                for (int batch : BATCHES) {
                    run(pipeline, settings, batch, 8); // warm-up
                }
                // interleaved rounds, so that a change in the shared machine's load falls on every batch size alike
                double[][] sums = new double[BATCHES.length][4];
                for (int round = 0; round < ROUNDS; round++) {
                    for (int b = 0; b < BATCHES.length; b++) {
                        double[] r = run(pipeline, settings, BATCHES[b], IMAGES / ROUNDS);
                        for (int k = 0; k < r.length; k++) {
                            sums[b][k] += r[k] / ROUNDS;
                        }
                    }
                }
                for (int b = 0; b < BATCHES.length; b++) {
                    double[] r = sums[b];
                    System.out.printf("| %s | %d | %.2f | %.3f | %.1f %% | %.1f | %.2f | %.1f | %.2f |%n", v, BATCHES[b], r[0],
                            r[1], 100 * r[1] / r[0], r[2], r[2] / sums[0][2], r[3], r[3] / sums[0][3]);
                }
            }
        }
    }

    /** {UNet ms per step, Java ms per step, UNet images/s, pipeline images/s} over {@code images} images. */
    static double[] run(DiffusionPipeline pipeline, SampleSettings settings, int batch, int images) {
        double unet = 0;
        double java = 0;
        int calls = Math.max(1, images / batch);
        long start = System.nanoTime();
        for (int r = 0; r < calls; r++) {
            long[] seeds = new long[batch];
            for (int i = 0; i < batch; i++) {
                seeds[i] = r * 100L + i;
            }
            GeneratedSample s = pipeline.generate("a photo of a dog on a sofa", "dog", seeds, settings).get(0);
            unet += s.timingsMs().get("unet");
            java += s.timingsMs().get("stepJava");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new double[] { unet / (calls * STEPS), java / (calls * STEPS), calls * batch / (unet / 1000),
                calls * batch / seconds };
    }
}
