package io.maskmill.optimize;

import java.util.Arrays;
import java.util.Locale;

import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

/**
 * Scores a refined mask and decides whether to keep it.
 *
 * <p>Score = 0.6·agreement + 0.25·edge + 0.15/components, all in [0, 1]:
 * <ul>
 * <li>agreement — IoU of the chosen candidate with the refiner's reference (attention mode), or the mean top
 *     softmax over the object pixels (logits mode): how much two views of the sample agree;</li>
 * <li>edge — r/(1+r), r the mean image gradient on the mask's boundary over the image's mean gradient:
 *     a boundary that follows image edges scores above 0.5;</li>
 * <li>components — a single-object prompt should give one region: 1/(number of object regions).</li>
 * </ul>
 * Hard limits: an empty mask, or one whose class covers less than {@code minArea} or more than
 * {@code maxArea} of the image, is rejected whatever its score.
 *
 * <p>Keeping the best {@code keepFraction} per class in a stream: the cut is the (1 − keepFraction)
 * quantile of the scores of the class's earlier scored samples (kept and rejected, from their
 * quality.json); before {@code warmup} of them exist every sample within the limits is kept.
 */
public final class QualityGate {
    private final double keepFraction;
    private final int warmup;
    private final double minArea;
    private final double maxArea;

    public record Signals(double agreement, double edge, int components, double areaFraction) {
    }

    /** The class's cut from {@code history} earlier scores; NaN during the warm-up. */
    public record Ranking(double cut, int history) {
    }

    /** A decision: {@code reason} is null when kept. */
    public record Verdict(double score, Signals signals, Ranking ranking, String reason) {
        public boolean kept() {
            return reason == null;
        }
    }

    public QualityGate(double keepFraction, int warmup, double minArea, double maxArea) {
        if (!(keepFraction > 0 && keepFraction <= 1) || warmup < 0 || !(minArea >= 0) || !(maxArea <= 1) || !(minArea < maxArea)) {
            throw new IllegalArgumentException("gate needs keepFraction in (0, 1], warmup >= 0, 0 <= minArea < maxArea <= 1; got "
                    + keepFraction + ", " + warmup + ", " + minArea + ", " + maxArea);
        }
        this.keepFraction = keepFraction;
        this.warmup = warmup;
        this.minArea = minArea;
        this.maxArea = maxArea;
    }

    public static QualityGate defaults() {
        return new QualityGate(0.7, 10, 0.01, 0.9);
    }

    /** @param earlierScores scores of the class's earlier samples (any order) */
    public Ranking ranking(double[] earlierScores) {
        double cut = Double.NaN;
        if (earlierScores.length >= warmup && earlierScores.length > 0 && keepFraction < 1) {
            double[] sorted = earlierScores.clone();
            Arrays.sort(sorted);
            cut = sorted[(int) Math.floor((1 - keepFraction) * (sorted.length - 1))];
        }
        return new Ranking(cut, earlierScores.length);
    }

    public Verdict judge(LabelMask mask, int label, RgbImage image, double agreement, Ranking ranking) {
        int area = mask.count(label);
        double fraction = area / (double) (mask.width() * mask.height());
        Signals signals = new Signals(agreement, edgeAlignment(mask, image), Components.of(mask, true).objectRegions(), fraction);
        double score = 0.6 * agreement + 0.25 * signals.edge() + 0.15 / Math.max(1, signals.components());
        String reason = null;
        if (area == 0) {
            reason = "the mask has no pixels of its class after refinement";
        } else if (fraction < minArea || fraction > maxArea) {
            reason = String.format(Locale.ROOT, "the class covers %.1f %% of the image, outside the allowed %.1f–%.1f %%",
                    100 * fraction, 100 * minArea, 100 * maxArea);
        } else if (score < ranking.cut()) {
            reason = String.format(Locale.ROOT, "quality %.3f is below this class's cut %.3f (keeping the best %.0f %%, ranked "
                    + "against %d earlier samples)", score, ranking.cut(), 100 * keepFraction, ranking.history());
        }
        return new Verdict(score, signals, ranking, reason);
    }

    /** r/(1+r), r = mean Sobel magnitude of luminance on the boundary / mean over the image; 0.5 when flat. */
    static double edgeAlignment(LabelMask mask, RgbImage image) {
        int w = mask.width(), h = mask.height();
        float[] rgb = image.pixels();
        byte[] m = mask.labels();
        double all = 0, boundary = 0;
        long nAll = 0, nBoundary = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int p = y * w + x;
                double gx = lum(rgb, p - w + 1) + 2 * lum(rgb, p + 1) + lum(rgb, p + w + 1)
                        - lum(rgb, p - w - 1) - 2 * lum(rgb, p - 1) - lum(rgb, p + w - 1);
                double gy = lum(rgb, p + w - 1) + 2 * lum(rgb, p + w) + lum(rgb, p + w + 1)
                        - lum(rgb, p - w - 1) - 2 * lum(rgb, p - w) - lum(rgb, p - w + 1);
                double g = Math.sqrt(gx * gx + gy * gy);
                all += g;
                nAll++;
                if (m[p] != m[p + 1] || m[p] != m[p + w]) {
                    boundary += g;
                    nBoundary++;
                }
            }
        }
        if (nBoundary == 0 || all == 0) return 0.5;
        double r = (boundary / nBoundary) / (all / nAll);
        return r / (1 + r);
    }

    private static double lum(float[] rgb, int p) {
        return 0.299 * rgb[3 * p] + 0.587 * rgb[3 * p + 1] + 0.114 * rgb[3 * p + 2];
    }
}
