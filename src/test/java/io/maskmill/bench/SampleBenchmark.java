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
 * Sample stage on CPU with the tiny models: per-step Java work (scheduler, guidance, attention
 * accumulation, copies in and out of the tensors) as a fraction of the UNet's run time in the same
 * steps, and images per minute at batch 1 and 4 (whole pipeline: text encoder, 20 steps, VAE, maps).
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.mainClass=io.maskmill.bench.SampleBenchmark</pre>
 */
public final class SampleBenchmark {
    private static final int STEPS = 20;
    private static final int ROUNDS = 30;

    public static void main(String[] args) {
        try (OnnxRuntime runtime = new OnnxRuntime(RuntimeSettings.cpu())) {
            for (TinyVariant v : List.of(TinyVariant.SD1, TinyVariant.JOINT)) {
                DiffusionModel model = DiffusionModel.load(TinyModelSet.prepared(v, Path.of("target/bench-models")), runtime);
                DiffusionPipeline pipeline = new DiffusionPipeline(model, runtime.env());
                SampleSettings settings = new SampleSettings(STEPS, TinyModelSet.TINY_GUIDANCE, null,
                        SampleSettings.DEFAULT_WEIGHTS, true);
                for (int batch : new int[] { 1, 4 }) {
                    run(pipeline, settings, batch, 5); // warm-up
                    double[] r = run(pipeline, settings, batch, ROUNDS);
                    System.out.printf("%-6s batch %d: UNet %.3f ms/step, Java %.3f ms/step = %.1f %% of UNet; %.0f images/min%n",
                            v, batch, r[0], r[1], 100 * r[1] / r[0], r[2]);
                }
            }
        }
    }

    /** {UNet ms per step, Java ms per step, images per minute}. */
    private static double[] run(DiffusionPipeline pipeline, SampleSettings settings, int batch, int rounds) {
        double unet = 0;
        double java = 0;
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            long[] seeds = new long[batch];
            for (int i = 0; i < batch; i++) {
                seeds[i] = r * 100L + i;
            }
            GeneratedSample s = pipeline.generate("a photo of a dog on a sofa", "dog", seeds, settings).get(0);
            unet += s.timingsMs().get("unet");
            java += s.timingsMs().get("stepJava");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new double[] { unet / (rounds * STEPS), java / (rounds * STEPS), rounds * batch * 60 / seconds };
    }
}
