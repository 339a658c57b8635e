package io.maskmill.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.maskmill.imaging.EvaluationSplit;
import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.RgbImage;
import io.maskmill.optimize.AttentionRefinement;
import io.maskmill.optimize.CrfSettings;
import io.maskmill.optimize.DenseCrf;
import io.maskmill.optimize.MaskOptimizer;
import io.maskmill.optimize.RefinementEvaluation;
import io.maskmill.optimize.RefinementInput;
import io.maskmill.optimize.SelfAttention;
import io.maskmill.optimize.SelfAttentionPropagation;
import io.maskmill.optimize.ThresholdSweep;

/**
 * Time per 512×512 mask on one thread, real COCO photos scaled to 512² with a degraded attention
 * (as in RefinementEvaluation). The baseline is a plain fixed threshold, interleaved in the same run.
 * The self-attention for propagation is given, as the sample stage writes it (32² → 1024×1024).
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.mainClass=io.maskmill.bench.OptimizeBenchmark [-Dexec.args="../shared/data/coco-mini 40"]</pre>
 */
public final class OptimizeBenchmark {
    private static final int SIZE = 512;

    record Case(RgbImage image, FloatMap attention, SelfAttention self) {
    }

    public static void main(String[] args) {
        Path coco = Path.of(args.length > 0 ? args[0] : "../shared/data/coco-mini");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        List<Case> cases = new ArrayList<>();
        SelfAttentionPropagation propagation = SelfAttentionPropagation.defaults();
        for (RefinementEvaluation.Case c : RefinementEvaluation.cases(EvaluationSplit.CocoSet.under(coco), EvaluationSplit.ALL, 0.05, 6)) {
            RgbImage image = resize(c.image());
            FloatMap attention = c.attention().resizeBilinear(SIZE, SIZE);
            cases.add(new Case(image, attention, propagation.proxy(image)));
            if (cases.size() == 5) break;
        }
        ThresholdSweep sweep = ThresholdSweep.paper();
        MaskOptimizer optimizer = MaskOptimizer.defaults();
        DenseCrf dense = new DenseCrf(CrfSettings.paper());
        AttentionRefinement crf = new AttentionRefinement(dense, sweep, optimizer, null);
        // one CRF for the reference and the snap, as OptimizeFunction wires it: the snap reuses the image's lattice
        AttentionRefinement crfSnap = new AttentionRefinement(dense, sweep, optimizer, dense);
        AttentionRefinement prop = new AttentionRefinement(propagation, sweep, optimizer, null);
        AttentionRefinement defaults = AttentionRefinement.defaults();
        Map<String, Consumer<Case>> methods = new LinkedHashMap<>();
        methods.put("fixed threshold 0.45 (baseline)", c -> ThresholdSweep.candidate(c.attention(), 0.45));
        methods.put("fixed threshold + mask optimization", c -> optimizer.clean(ThresholdSweep.candidate(c.attention(), 0.45)));
        methods.put("sweep + propagation + mask optimization", c -> prop.run(input(c, true), ThresholdSweep.Prior.NONE));
        methods.put("sweep + CRF + mask optimization", c -> crf.run(input(c, false), ThresholdSweep.Prior.NONE));
        methods.put("paper: sweep + CRF + CRF snap + mask optimization (the earlier default)", c -> crfSnap.run(input(c, false), ThresholdSweep.Prior.NONE));
        methods.put("default: CRF at a fixed centre + support filter + mask optimization", c -> defaults.run(input(c, false), ThresholdSweep.Prior.NONE));
        Map<String, double[]> times = new LinkedHashMap<>();
        methods.keySet().forEach(k -> times.put(k, new double[rounds * cases.size()]));
        for (int warm = 0; warm < 5; warm++) {
            for (Case c : cases) methods.values().forEach(m -> m.accept(c));
        }
        int i = 0;
        for (int r = 0; r < rounds; r++) {
            for (Case c : cases) {
                for (var e : methods.entrySet()) {
                    long t = System.nanoTime();
                    e.getValue().accept(c);
                    times.get(e.getKey())[i] = (System.nanoTime() - t) / 1e6;
                }
                i++;
            }
        }
        double base = median(times.values().iterator().next());
        System.out.printf(Locale.ROOT, "%d×%d, %d images × %d rounds, one thread%n%n", SIZE, SIZE, cases.size(), rounds);
        System.out.println("| method | median ms | p90 ms | × baseline |");
        System.out.println("|---|---|---|---|");
        times.forEach((k, v) -> System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.1f |%n", k, median(v),
                percentile(v, 0.9), median(v) / base));
    }

    /** A fresh input each call, so the CRF's per-image cache cannot carry work over between timed runs. */
    private static RefinementInput input(Case c, boolean withSelf) {
        return new RefinementInput(c.image().copy(), c.attention(), withSelf ? c.self() : null);
    }

    private static RgbImage resize(RgbImage image) {
        float[] out = new float[SIZE * SIZE * 3];
        for (int ch = 0; ch < 3; ch++) {
            float[] plane = new float[image.width() * image.height()];
            for (int p = 0; p < plane.length; p++) plane[p] = image.pixels()[3 * p + ch];
            float[] r = new FloatMap(image.width(), image.height(), plane).resizeBilinear(SIZE, SIZE).values();
            for (int p = 0; p < r.length; p++) out[3 * p + ch] = r[p];
        }
        return new RgbImage(SIZE, SIZE, out);
    }

    private static double median(double[] v) {
        return percentile(v, 0.5);
    }

    private static double percentile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.floor(q * (s.length - 1)))];
    }

}
