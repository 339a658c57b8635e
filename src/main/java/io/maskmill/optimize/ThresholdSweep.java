package io.maskmill.optimize;

import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.LabelMask;

/**
 * DiffuMask-Editor §3.1.2: candidate masks {@code attention ≥ γ} for γ over a grid, each scored by
 * IoU with a reference mask (its ignore pixels left out); the best γ wins.
 *
 * <p>One pass over the pixels: each pixel falls into the bin of the thresholds it passes, with
 * separate histograms for reference-foreground and reference-background pixels; the IoU of every
 * candidate then follows from cumulative sums, so the grid size costs nothing per pixel.
 *
 * <p>A class prior (mean γ of earlier kept samples of the class) bends the choice:
 * objective(γ) = IoU(γ) − w·n/(n + k)·|γ − μ|, with n earlier samples, warm-up k and weight w.
 */
public final class ThresholdSweep {
    private final double[] thresholds;
    private final double priorWeight;
    private final int priorWarmup;

    /** The candidate γ and the score each got. */
    public record Result(double threshold, double iou, double[] thresholds, double[] ious) {
    }

    /** Mean γ chosen for {@code count} earlier kept samples of the class; {@link #NONE} before any. */
    public record Prior(double mean, int count) {
        public static final Prior NONE = new Prior(Double.NaN, 0);
    }

    public ThresholdSweep(double from, double to, double step, double priorWeight, int priorWarmup) {
        if (!(step > 0) || !(to >= from) || !(from >= 0) || !(to <= 1) || !(priorWeight >= 0) || priorWarmup < 0) {
            throw new IllegalArgumentException("sweep needs 0 <= from <= to <= 1, step > 0, priorWeight >= 0, "
                    + "priorWarmup >= 0; got " + from + ".." + to + " step " + step + ", " + priorWeight + ", " + priorWarmup);
        }
        int k = (int) Math.floor((to - from) / step + 1e-9) + 1;
        thresholds = new double[k];
        for (int i = 0; i < k; i++) {
            thresholds[i] = Math.round((from + i * step) * 1e6) / 1e6; // 0.35 + 3·0.01 is 0.38, not 0.38000000000000006
        }
        this.priorWeight = priorWeight;
        this.priorWarmup = priorWarmup;
    }

    /** DiffuMask's grid, 0.35 to 0.54 by 0.01, with a prior weight of 0.5 after a warm-up of 10. */
    public static ThresholdSweep paper() {
        return new ThresholdSweep(0.35, 0.54, 0.01, 0.5, 10);
    }

    /** The default: the one γ chosen on the tune split (optimize.md), which is also the CRF's unary centre. */
    public static ThresholdSweep defaults() {
        double g = CrfSettings.DEFAULT_CENTRE;
        return new ThresholdSweep(g, g, 0.01, 0.5, 10);
    }

    public double[] thresholds() {
        return thresholds.clone();
    }

    /** @param attention values in [0, 1], the size of {@code reference}; reference labels 0, object, or ignore */
    public Result sweep(FloatMap attention, LabelMask reference, Prior prior) {
        if (attention.width() != reference.width() || attention.height() != reference.height()) {
            throw new IllegalArgumentException("attention " + attention.width() + "x" + attention.height()
                    + " and reference " + reference.width() + "x" + reference.height() + " differ in size");
        }
        int k = thresholds.length;
        long[] fg = new long[k + 1], bg = new long[k + 1];
        float[] a = attention.values();
        byte[] ref = reference.labels();
        float first = (float) thresholds[0];
        double step = k > 1 ? thresholds[1] - thresholds[0] : 1;
        for (int p = 0; p < a.length; p++) {
            int r = ref[p] & 0xFF;
            if (r == LabelMask.IGNORE) continue;
            int bin = passed(a[p], first, step);
            if (r == LabelMask.BACKGROUND) bg[bin]++;
            else fg[bin]++;
        }
        long refFg = 0;
        for (long v : fg) refFg += v;
        double[] ious = new double[k];
        long inter = 0, candidates = 0;
        for (int i = k - 1; i >= 0; i--) { // candidate i holds the pixels that passed more than i thresholds
            inter += fg[i + 1];
            candidates += fg[i + 1] + bg[i + 1];
            long union = refFg + candidates - inter;
            ious[i] = union == 0 ? 1.0 : (double) inter / union;
        }
        double pull = prior.count() > 0 ? priorWeight * prior.count() / (prior.count() + (double) priorWarmup) : 0;
        int best = 0;
        double bestObjective = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            double objective = ious[i] - (pull > 0 ? pull * Math.abs(thresholds[i] - prior.mean()) : 0);
            if (objective > bestObjective + 1e-12) {
                bestObjective = objective;
                best = i;
            }
        }
        return new Result(thresholds[best], ious[best], thresholds.clone(), ious);
    }

    /** How many thresholds v reaches (v ≥ γ_i), from the arithmetic grid's index and a check against rounding. */
    private int passed(float v, float first, double step) {
        int k = thresholds.length;
        int n = v < first ? 0 : (int) Math.min(k, Math.floor((v - first) / step) + 1);
        while (n < k && v >= thresholds[n]) n++;
        while (n > 0 && v < thresholds[n - 1]) n--;
        return n;
    }

    /** The binary (0/1) candidate mask at γ. */
    public static LabelMask candidate(FloatMap attention, double threshold) {
        float[] a = attention.values();
        byte[] out = new byte[a.length];
        for (int p = 0; p < a.length; p++) {
            out[p] = a[p] >= threshold ? (byte) 1 : 0;
        }
        return new LabelMask(attention.width(), attention.height(), out);
    }
}
