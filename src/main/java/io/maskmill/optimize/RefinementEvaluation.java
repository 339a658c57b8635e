package io.maskmill.optimize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.maskmill.imaging.CocoDataset;
import io.maskmill.imaging.EvaluationSplit;
import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.Masks;
import io.maskmill.imaging.Parallel;
import io.maskmill.imaging.RgbImage;

/**
 * Refinement on real photos: for every COCO instance covering {@code min-fraction}..80 % of its image,
 * a {@link DegradedAttention} is made from the ground-truth mask, and the mask each method gets from it
 * is scored by IoU against that ground truth. A method's parameter (a fixed threshold, say) is chosen on
 * the {@link EvaluationSplit#TUNE} images only (even image ids); the table reports every split, and the
 * one to read is {@link EvaluationSplit#REPORT} (odd ids), which no parameter saw.
 *
 * <pre>./mvnw -q compile exec:java -Dexec.mainClass=io.maskmill.optimize.RefinementEvaluation \
 *     -Dexec.args="--images DIR --annotations FILE [--min-fraction 0.02] [--max-images 100000] [--table main|tune]"</pre>
 * (without --images/--annotations: coco-mini's layout under ../shared/data/coco-mini).
 */
public final class RefinementEvaluation {
    /** One instance to evaluate: the photo, its ground truth, and the degraded attention. */
    public record Case(String name, long imageId, RgbImage image, LabelMask truth, FloatMap attention) {
    }

    /** A method with one parameter, chosen on the tune split from {@code grid} (one value: nothing to choose). */
    public record Method(String name, double[] grid, Run run) {
        public static Method fixed(String name, Run run) {
            return new Method(name, new double[]{Double.NaN}, run);
        }
    }

    @FunctionalInterface
    public interface Run {
        LabelMask mask(Case c, double parameter);
    }

    /** A method's parameter as chosen on the tune split, and its mean IoU on each split (NaN when a split is empty). */
    public record Row(String method, double chosen, double tune, double report, double all) {
        public double on(EvaluationSplit split) {
            return switch (split) {
                case TUNE -> tune;
                case REPORT -> report;
                case ALL -> all;
            };
        }
    }

    static final double[] FIXED_GRID = grid(0.20, 0.70, 0.01);
    static final double[] SNAP_GRID = grid(0.30, 0.60, 0.025);

    private RefinementEvaluation() {
    }

    /** The instances of the split's images (at most {@code maxImages} of them, in the file's order). */
    public static List<Case> cases(EvaluationSplit.CocoSet set, EvaluationSplit split, double minFraction, int maxImages) {
        CocoDataset dataset = set.read();
        List<Case> cases = new ArrayList<>();
        int images = 0;
        for (CocoDataset.Image image : split.images(dataset)) {
            if (images++ >= maxImages) break;
            RgbImage photo = null;
            for (CocoDataset.Annotation a : dataset.annotationsOf(image.id())) {
                LabelMask truth = dataset.mask(a);
                double fraction = truth.count(1) / (double) (image.width() * image.height());
                if (a.crowd() || fraction < minFraction || fraction > 0.8) continue;
                if (photo == null) photo = set.readImage(image);
                cases.add(new Case(image.fileName() + "#" + a.id(), image.id(), photo, truth,
                        DegradedAttention.from(truth, a.id())));
            }
        }
        return cases;
    }

    /** Every method on every case (and grid value); parameters chosen on the tune cases. */
    public static List<Row> evaluate(List<Case> cases, List<Method> methods) {
        double[][] sums = new double[methods.size()][];
        int[] counts = new int[2]; // tune, report
        double[][][] splitSums = new double[methods.size()][2][];
        for (int m = 0; m < methods.size(); m++) {
            splitSums[m][0] = new double[methods.get(m).grid().length];
            splitSums[m][1] = new double[methods.get(m).grid().length];
        }
        // one image's cases on one thread, back to back (the CRF reuses the image's lattice); images in parallel
        Map<Long, List<Case>> byImage = new LinkedHashMap<>();
        cases.forEach(c -> byImage.computeIfAbsent(c.imageId(), k -> new ArrayList<>()).add(c));
        List<double[][]> perImage = Parallel.map(new ArrayList<>(byImage.values()), group -> {
            double[][] own = new double[methods.size()][];
            for (int m = 0; m < methods.size(); m++) own[m] = new double[methods.get(m).grid().length];
            for (Case c : group) {
                for (int m = 0; m < methods.size(); m++) {
                    Method method = methods.get(m);
                    for (int g = 0; g < method.grid().length; g++) {
                        own[m][g] += Masks.iou(method.run().mask(c, method.grid()[g]), c.truth());
                    }
                }
            }
            return own;
        });
        int index = 0;
        for (List<Case> group : byImage.values()) {
            int s = EvaluationSplit.TUNE.contains(group.get(0).imageId()) ? 0 : 1;
            counts[s] += group.size();
            double[][] own = perImage.get(index++);
            for (int m = 0; m < methods.size(); m++)
                for (int g = 0; g < own[m].length; g++) splitSums[m][s][g] += own[m][g];
        }
        List<Row> rows = new ArrayList<>();
        for (int m = 0; m < methods.size(); m++) {
            double[] tune = splitSums[m][0], report = splitSums[m][1];
            int best = 0;
            for (int g = 1; g < tune.length; g++) {
                if (tune[g] > tune[best] + 1e-12) best = g;
            }
            rows.add(new Row(methods.get(m).name(), methods.get(m).grid()[best], mean(tune[best], counts[0]),
                    mean(report[best], counts[1]), mean(tune[best] + report[best], counts[0] + counts[1])));
        }
        return rows;
    }

    private static double mean(double sum, int n) {
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The reference's class pixels as 0/1 (unsure counts as background, as a consumer would read it). */
    static LabelMask binary(LabelMask reference) {
        byte[] r = reference.labels(), out = new byte[r.length];
        for (int i = 0; i < r.length; i++) {
            out[i] = r[i] == 1 ? (byte) 1 : 0;
        }
        return new LabelMask(reference.width(), reference.height(), out);
    }

    private static RefinementInput input(Case c) {
        return new RefinementInput(c.image(), c.attention(), null);
    }

    /**
     * The like-for-like table: a fixed threshold alone, with the same CRF snap and clean-up, with the support
     * filter too; the paper's sweep with the same steps; the default.
     */
    public static List<Method> mainMethods() {
        MaskOptimizer clean = MaskOptimizer.defaults();
        DenseCrf crf = DenseCrf.defaults(), paperCrf = new DenseCrf(CrfSettings.paper());
        double share = AttentionRefinement.DEFAULT_SUPPORT_SHARE;
        ThresholdSweep sweep = ThresholdSweep.paper();
        AttentionRefinement paper = AttentionRefinement.paper();
        AttentionRefinement paperSupported = new AttentionRefinement(paperCrf, sweep, clean, paperCrf, share);
        AttentionRefinement paperPropagation = AttentionRefinement.paper(SelfAttentionPropagation.defaults(), sweep, clean, paperCrf);
        AttentionRefinement sweepOnly = AttentionRefinement.paper(paperCrf, sweep, clean, null);
        AttentionRefinement defaults = AttentionRefinement.defaults();
        List<Method> m = new ArrayList<>();
        m.add(new Method("fixed threshold", FIXED_GRID, (c, t) -> ThresholdSweep.candidate(c.attention(), t)));
        m.add(new Method("fixed threshold + clean-up", FIXED_GRID, (c, t) -> clean.clean(ThresholdSweep.candidate(c.attention(), t))));
        m.add(new Method("fixed threshold + CRF snap + clean-up", SNAP_GRID,
                (c, t) -> clean.clean(crf.refine(input(c), t).mask())));
        m.add(new Method("fixed threshold + CRF snap + support filter + clean-up", SNAP_GRID,
                (c, t) -> clean.clean(AttentionSupport.filter(crf.refine(input(c), t).mask(), c.attention(), share))));
        m.add(Method.fixed("paper sweep (vs CRF reference) + clean-up", (c, t) -> sweepOnly.run(input(c), ThresholdSweep.Prior.NONE).mask()));
        m.add(Method.fixed("paper sweep (vs CRF reference) + CRF snap + clean-up (the earlier default)",
                (c, t) -> paper.run(input(c), ThresholdSweep.Prior.NONE).mask()));
        m.add(Method.fixed("paper sweep (vs CRF reference) + CRF snap + support filter + clean-up",
                (c, t) -> paperSupported.run(input(c), ThresholdSweep.Prior.NONE).mask()));
        m.add(Method.fixed("paper sweep (vs propagation) + CRF snap + clean-up", (c, t) -> paperPropagation.run(input(c), ThresholdSweep.Prior.NONE).mask()));
        m.add(Method.fixed("**default** (CRF at 0.325 + support filter 0.95 + clean-up)",
                (c, t) -> defaults.run(input(c), ThresholdSweep.Prior.NONE).mask()));
        return m;
    }

    /** Candidates for the default's settings, to choose on the tune split. */
    public static List<Method> tuningMethods() {
        MaskOptimizer clean = MaskOptimizer.defaults();
        DenseCrf crf = DenseCrf.defaults();
        List<Method> m = new ArrayList<>();
        m.add(new Method("fixed threshold + CRF snap + clean-up", SNAP_GRID, (c, t) -> clean.clean(crf.refine(input(c), t).mask())));
        for (double share : new double[]{0.9, 0.95, 1.0}) {
            m.add(new Method(String.format(Locale.ROOT, "CRF + support filter %.2f + clean-up, centre", share), grid(0.25, 0.5, 0.025),
                    (c, t) -> clean.clean(AttentionSupport.filter(crf.refine(input(c), t).mask(), c.attention(), share))));
        }
        return m;
    }

    public static void main(String[] argv) {
        Map<String, String> known = new LinkedHashMap<>();
        known.put("min-fraction", "0.02");
        known.put("max-images", "100000");
        known.put("table", "main");
        EvaluationSplit.Args args = EvaluationSplit.Args.parse(RefinementEvaluation.class.getName(), argv, known);
        String table = args.get("table");
        List<Method> methods = switch (table) {
            case "main" -> mainMethods();
            case "tune" -> tuningMethods();
            default -> throw new IllegalArgumentException("--table '" + table + "': use main or tune");
        };
        long start = System.nanoTime();
        // the tuning table only ever looks at the tune split
        List<Case> cases = cases(args.set(), table.equals("tune") ? EvaluationSplit.TUNE : EvaluationSplit.ALL, args.number("min-fraction"), (int) args.number("max-images"));
        List<Row> rows = evaluate(cases, methods);
        long tune = cases.stream().filter(c -> EvaluationSplit.TUNE.contains(c.imageId())).count();
        System.out.println(args.command());
        System.out.printf(Locale.ROOT, "%d instances (>= %.0f %% of their image): %d tune (even image ids), %d report (odd); %.1f s%n%n",
                cases.size(), 100 * args.number("min-fraction"), tune, cases.size() - tune, (System.nanoTime() - start) / 1e9);
        System.out.println("| method | parameter (chosen on tune) | tune (even ids) | **report (odd ids)** | all |");
        System.out.println("|---|---|---|---|---|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %.4f | %.4f | %.4f |%n", r.method(),
                    Double.isNaN(r.chosen()) ? "—" : String.format(Locale.ROOT, "%.3f", r.chosen()), r.tune(), r.report(), r.all());
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
