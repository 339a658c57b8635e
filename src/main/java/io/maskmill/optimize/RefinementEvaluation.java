package io.maskmill.optimize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.maskmill.imaging.CocoDataset;
import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.Masks;
import io.maskmill.imaging.RgbImage;

/**
 * Refinement on real photos: for every COCO instance covering {@code minFraction}..80 % of its image,
 * a {@link DegradedAttention} is made from the ground-truth mask, and the masks each method gets from
 * it are scored by IoU against that ground truth. The best single fixed threshold is picked on the
 * same instances (an optimistic baseline: it sees the answers).
 *
 * <pre>./mvnw -q compile exec:java -Dexec.mainClass=io.maskmill.optimize.RefinementEvaluation \
 *     [-Dexec.args="../shared/data/coco-mini 0.02 80"]</pre>
 * (arguments: the COCO directory, the smallest object as a fraction of its image, the most images).
 */
public final class RefinementEvaluation {
    /** One instance to evaluate: the photo, its ground truth, and the degraded attention. */
    public record Case(String name, RgbImage image, LabelMask truth, FloatMap attention) {
    }

    /** Mean IoU per method, and the fixed threshold that did best. */
    public record Report(int cases, double bestFixedThreshold, Map<String, Double> meanIou) {
    }

    public static final String FIXED = "best fixed threshold";
    static final double[] FIXED_GRID = grid(0.20, 0.70, 0.01);

    private RefinementEvaluation() {
    }

    public static List<Case> cases(Path coco, double minFraction, int maxImages) {
        CocoDataset dataset = CocoDataset.read(coco.resolve("annotations/instances_train2017.json"));
        List<Case> cases = new ArrayList<>();
        int images = 0;
        for (CocoDataset.Image image : dataset.images()) {
            if (images++ >= maxImages) break;
            RgbImage photo = null;
            for (CocoDataset.Annotation a : dataset.annotationsOf(image.id())) {
                LabelMask truth = dataset.mask(a);
                double fraction = truth.count(1) / (double) (image.width() * image.height());
                if (a.crowd() || fraction < minFraction || fraction > 0.8) continue;
                if (photo == null) photo = readImage(coco.resolve("train2017").resolve(image.fileName()));
                cases.add(new Case(image.fileName() + "#" + a.id(), photo, truth, DegradedAttention.from(truth, a.id())));
            }
        }
        return cases;
    }

    /** Mean IoU of the fixed thresholds, the given pipelines, and their references. */
    public static Report evaluate(List<Case> cases, Map<String, AttentionRefinement> pipelines) {
        double[] fixed = new double[FIXED_GRID.length];
        Map<String, Double> sums = new LinkedHashMap<>();
        for (Case c : cases) {
            for (int i = 0; i < FIXED_GRID.length; i++) {
                fixed[i] += Masks.iou(ThresholdSweep.candidate(c.attention(), FIXED_GRID[i]), c.truth());
            }
            for (Map.Entry<String, AttentionRefinement> e : pipelines.entrySet()) {
                String name = e.getKey();
                AttentionRefinement.Outcome o = e.getValue().run(new RefinementInput(c.image(), c.attention(), null),
                        ThresholdSweep.Prior.NONE);
                if (!name.endsWith("snap")) { // a snap pipeline's reference is its plain twin's
                    sums.merge(name + " — its reference alone", Masks.iou(binary(o.reference().mask()), c.truth()), Double::sum);
                }
                sums.merge(name, Masks.iou(o.candidate(), c.truth()), Double::sum);
                sums.merge(name + " + mask optimization", Masks.iou(o.mask(), c.truth()), Double::sum);
            }
        }
        int best = 0;
        for (int i = 1; i < fixed.length; i++) {
            if (fixed[i] > fixed[best]) best = i;
        }
        Map<String, Double> means = new LinkedHashMap<>();
        means.put(FIXED, fixed[best] / cases.size());
        sums.forEach((k, v) -> means.put(k, v / cases.size()));
        return new Report(cases.size(), FIXED_GRID[best], means);
    }

    /** The reference's class pixels as 0/1 (unsure counts as background, as a consumer would read it). */
    private static LabelMask binary(LabelMask reference) {
        byte[] r = reference.labels(), out = new byte[r.length];
        for (int i = 0; i < r.length; i++) {
            out[i] = r[i] == 1 ? (byte) 1 : 0;
        }
        return new LabelMask(reference.width(), reference.height(), out);
    }

    /** Each refiner with the sweep alone, and with the CRF snap (the stage's default when the refiner is crf). */
    public static Map<String, AttentionRefinement> defaultPipelines() {
        Map<String, AttentionRefinement> p = new LinkedHashMap<>();
        for (Refiner r : List.of(SelfAttentionPropagation.defaults(), DenseCrf.defaults())) {
            p.put("sweep + " + r.name(), new AttentionRefinement(r, ThresholdSweep.defaults(), MaskOptimizer.defaults(), null));
            p.put("sweep + " + r.name() + " + CRF snap", new AttentionRefinement(r, ThresholdSweep.defaults(),
                    MaskOptimizer.defaults(), DenseCrf.defaults()));
        }
        // the issue's w_a = 10 at the earlier working resolution 256, as first evaluated
        DenseCrf issueWeights = new DenseCrf(new CrfSettings(10, 80, 13, 3, 3, 0.45, 0.05, 1.0, 10, 256));
        p.put("sweep + crf + CRF snap, both w_a = 10", new AttentionRefinement(issueWeights,
                ThresholdSweep.defaults(), MaskOptimizer.defaults(), issueWeights));
        return p;
    }

    public static void main(String[] args) {
        Path coco = Path.of(args.length > 0 ? args[0] : "../shared/data/coco-mini");
        double minFraction = args.length > 1 ? Double.parseDouble(args[1]) : 0.02;
        int maxImages = args.length > 2 ? Integer.parseInt(args[2]) : 80;
        if (!Files.isDirectory(coco)) {
            throw new IllegalArgumentException("no COCO directory at " + coco.toAbsolutePath().normalize());
        }
        long start = System.nanoTime();
        List<Case> cases = cases(coco, minFraction, maxImages);
        Report report = evaluate(cases, defaultPipelines());
        System.out.printf(Locale.ROOT, "%d instances (>= %.0f %% of their image) from %s; best fixed threshold %.2f; %.1f s%n%n",
                report.cases(), 100 * minFraction, coco, report.bestFixedThreshold(), (System.nanoTime() - start) / 1e9);
        System.out.println("| method | mean IoU |");
        System.out.println("|---|---|");
        report.meanIou().forEach((k, v) -> System.out.printf(Locale.ROOT, "| %s | %.4f |%n", k, v));
    }

    private static RgbImage readImage(Path file) {
        try {
            return Images.readRgb(Files.readAllBytes(file), file.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
    }

    static double[] grid(double from, double to, double step) {
        int n = (int) Math.floor((to - from) / step + 1e-9) + 1;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = Math.round((from + i * step) * 1e6) / 1e6;
        }
        return g;
    }
}
