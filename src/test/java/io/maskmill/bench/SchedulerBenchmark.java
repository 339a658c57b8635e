package io.maskmill.bench;

import io.maskmill.sample.noise.GaussianNoise;
import io.maskmill.sample.scheduler.Guidance;
import io.maskmill.sample.scheduler.Scheduler;
import io.maskmill.sample.scheduler.SchedulerConfig;
import io.maskmill.sample.scheduler.SchedulerKind;
import io.maskmill.sample.scheduler.Schedulers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-step cost of classifier-free guidance + scheduler step on a 4×64×64 latent (SD at 512²),
 * against an allocating copy of the same latent measured in the same rounds.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.mainClass=io.maskmill.bench.SchedulerBenchmark}
 */
public final class SchedulerBenchmark {
    private static final int LATENT = 4 * 64 * 64;
    private static final int OPS_PER_ROUND = 400;
    private static final int WARMUP_ROUNDS = 10;
    private static final int ROUNDS = 25;
    private static final double GUIDANCE = 7.5;

    private static double sink;

    public static void main(String[] args) {
        float[] latent = GaussianNoise.gaussian(1, LATENT);
        float[] unetOutput = GaussianNoise.gaussian(2, 2 * LATENT); // [uncond | cond], batch of two
        GaussianNoise noise = new GaussianNoise(3);

        Map<String, Runnable> cases = new LinkedHashMap<>();
        cases.put("baseline: copy latent (clone)", () -> sink += latent.clone()[7]);
        cases.put("CFG only", () -> sink += Guidance.classifierFreeBatched(unetOutput, GUIDANCE)[7]);
        cases.put("Gaussian noise only (16384 floats)", () -> sink += noise.next(LATENT)[7]);
        for (SchedulerKind kind : SchedulerKind.values()) {
            Scheduler s = Schedulers.create(kind, SchedulerConfig.stableDiffusion(kind));
            s.setTimesteps(kind == SchedulerKind.LCM ? 4 : 20);
            int[] step = {0};
            cases.put(kind + ": CFG + scaleModelInput + step", () -> {
                int i = step[0];
                float[] input = s.scaleModelInput(latent, i);
                float[] guided = Guidance.classifierFreeBatched(unetOutput, GUIDANCE);
                sink += input[3] + s.step(guided, i, latent, noise)[7];
                step[0] = (i + 1) % s.steps();
            });
        }

        Map<String, List<Double>> nanosPerOp = new LinkedHashMap<>();
        for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
            for (Map.Entry<String, Runnable> c : cases.entrySet()) {
                long t0 = System.nanoTime();
                for (int op = 0; op < OPS_PER_ROUND; op++) {
                    c.getValue().run();
                }
                double perOp = (System.nanoTime() - t0) / (double) OPS_PER_ROUND;
                if (round >= WARMUP_ROUNDS) {
                    nanosPerOp.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(perOp);
                }
            }
        }

        double baseline = median(nanosPerOp.get("baseline: copy latent (clone)"));
        System.out.printf("latent %d floats, %d rounds x %d ops (after %d warm-up rounds), median per op; JVM %s, %d cpus%n",
                LATENT, ROUNDS, OPS_PER_ROUND, WARMUP_ROUNDS, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.println("| case | µs per step | × copy |");
        System.out.println("|---|---:|---:|");
        for (Map.Entry<String, List<Double>> e : nanosPerOp.entrySet()) {
            double m = median(e.getValue());
            System.out.printf("| %s | %.1f | %.1f |%n", e.getKey(), m / 1000, m / baseline);
        }
        if (sink == 42) {
            System.out.println("(sink)");
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
