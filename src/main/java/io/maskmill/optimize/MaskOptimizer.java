package io.maskmill.optimize;

import io.maskmill.imaging.FloatMaps;
import io.maskmill.imaging.LabelMask;

/**
 * JoDiffusion's mask optimization: remove the noise a generator leaves in an annotation.
 * <ol>
 * <li>logits → labels: argmax over the C+1 channels; a pixel whose top softmax probability is
 *     below {@code minConfidence} becomes background;</li>
 * <li>regions (8-connected, any label) of fewer than {@code minRegionPx} pixels take the most common
 *     label on their 3×3 ring (the pixels touching them from outside);</li>
 * <li>holes are filled: a background region (4-connected) that does not touch the border and whose
 *     ring is one object label takes that label;</li>
 * <li>object regions whose bounding box is tiny are dropped: DiffuMask drops boxes under 1500 px at
 *     512², scaled here with the image area.</li>
 * </ol>
 */
public final class MaskOptimizer {
    /** The reference image area at which {@code minBoxPx} is given (512²). */
    static final double REFERENCE_AREA = 512.0 * 512.0;

    private final int minRegionPx;
    private final int minBoxPx;
    private final double minConfidence;

    /**
     * @param minRegionPx   regions smaller than this are refilled from their ring (JoDiffusion: 20)
     * @param minBoxPx      object regions whose box is smaller are dropped, at 512² (DiffuMask: 1500)
     * @param minConfidence logits pixels whose top softmax is below this become background (0.5)
     */
    public MaskOptimizer(int minRegionPx, int minBoxPx, double minConfidence) {
        if (minRegionPx < 0 || minBoxPx < 0 || !(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("minRegionPx and minBoxPx must be >= 0 and minConfidence in [0, 1], got "
                    + minRegionPx + ", " + minBoxPx + ", " + minConfidence);
        }
        this.minRegionPx = minRegionPx;
        this.minBoxPx = minBoxPx;
        this.minConfidence = minConfidence;
    }

    public static MaskOptimizer defaults() {
        return new MaskOptimizer(20, 1500, 0.5);
    }

    /** Labels from joint-mode logits (channel 0 background, channel c class c); the top softmax goes into {@code confidence}. */
    public LabelMask labelsFromLogits(FloatMaps.Planes logits, float[] confidence) {
        int w = logits.width(), h = logits.height(), n = w * h, channels = logits.channels();
        float[] v = logits.values();
        byte[] labels = new byte[n];
        for (int p = 0; p < n; p++) {
            int best = 0;
            float max = v[p];
            for (int c = 1; c < channels; c++) {
                if (v[c * n + p] > max) {
                    max = v[c * n + p];
                    best = c;
                }
            }
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += Math.exp(v[c * n + p] - max); // stable softmax: the top term is exp(0) = 1
            }
            double top = 1 / sum;
            confidence[p] = (float) top;
            labels[p] = (byte) (top < minConfidence ? LabelMask.BACKGROUND : best);
        }
        return new LabelMask(w, h, labels);
    }

    /** Steps 2–4 on a copy of {@code mask}. */
    public LabelMask clean(LabelMask mask) {
        LabelMask out = mask.copy();
        refillSmallRegions(out);
        fillHoles(out);
        dropTinyBoxes(out);
        return out;
    }

    void refillSmallRegions(LabelMask mask) {
        if (minRegionPx <= 0) return;
        Components c = Components.of(mask, true);
        int[] votes = new int[256];
        for (int r = 0; r < c.count; r++) {
            if (c.size[r] < minRegionPx && c.label[r] != LabelMask.IGNORE) {
                int fill = mostCommonOnRing(mask, c, r, votes);
                if (fill >= 0) repaint(mask, c, r, fill);
            }
        }
    }

    void fillHoles(LabelMask mask) {
        Components c = Components.of(mask, false);
        int[] votes = new int[256];
        for (int r = 0; r < c.count; r++) {
            if (c.label[r] == LabelMask.BACKGROUND && !c.touchesBorder[r]) {
                int fill = mostCommonOnRing(mask, c, r, votes);
                if (fill > 0 && fill != LabelMask.IGNORE && votes[fill] == ringTotal(votes)) {
                    repaint(mask, c, r, fill);
                }
            }
        }
    }

    void dropTinyBoxes(LabelMask mask) {
        double minBox = minBoxPx * (mask.width() * (double) mask.height()) / REFERENCE_AREA;
        Components c = Components.of(mask, true);
        for (int r = 0; r < c.count; r++) {
            if (LabelMask.isObject(c.label[r]) && c.boxArea(r) < minBox) {
                repaint(mask, c, r, LabelMask.BACKGROUND);
            }
        }
    }

    /** Counts the labels of the pixels 8-adjacent to region r from outside into {@code votes}; the most common, or -1. */
    private static int mostCommonOnRing(LabelMask mask, Components c, int r, int[] votes) {
        java.util.Arrays.fill(votes, 0);
        int w = mask.width(), h = mask.height();
        byte[] labels = mask.labels();
        for (int y = Math.max(0, c.minY[r] - 1); y <= Math.min(h - 1, c.maxY[r] + 1); y++) {
            for (int x = Math.max(0, c.minX[r] - 1); x <= Math.min(w - 1, c.maxX[r] + 1); x++) {
                int p = y * w + x;
                if (c.region[p] != r && touches(c.region, w, h, x, y, r)) {
                    votes[labels[p] & 0xFF]++;
                }
            }
        }
        int best = -1;
        for (int l = 0; l < 256; l++) {
            if (votes[l] > 0 && (best < 0 || votes[l] > votes[best])) best = l;
        }
        return best;
    }

    private static int ringTotal(int[] votes) {
        int t = 0;
        for (int v : votes) t += v;
        return t;
    }

    private static boolean touches(int[] region, int w, int h, int x, int y, int r) {
        for (int dy = -1; dy <= 1; dy++) {
            int ny = y + dy;
            if (ny < 0 || ny >= h) continue;
            for (int dx = -1; dx <= 1; dx++) {
                int nx = x + dx;
                if (nx >= 0 && nx < w && region[ny * w + nx] == r) return true;
            }
        }
        return false;
    }

    private static void repaint(LabelMask mask, Components c, int r, int label) {
        int w = mask.width();
        byte[] labels = mask.labels();
        for (int y = c.minY[r]; y <= c.maxY[r]; y++) {
            for (int x = c.minX[r], p = y * w + x; x <= c.maxX[r]; x++, p++) {
                if (c.region[p] == r) labels[p] = (byte) label;
            }
        }
    }
}
