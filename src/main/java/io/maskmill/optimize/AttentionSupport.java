package io.maskmill.optimize;

import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.LabelMask;

/**
 * Drops object regions the attention hardly supports: a region (8-connected) is kept when the mean
 * attention over its pixels is at least {@code minShare} of the best-supported region's. A one-object
 * prompt's attention peaks on the object; a region lit only by a leak of attention elsewhere (a
 * "distractor") is snapped to the image by the CRF like the object is, so only its support tells them apart.
 */
public final class AttentionSupport {
    private AttentionSupport() {
    }

    /** A copy of the 0/1 {@code mask} without the object regions whose support is below {@code minShare} of the best's. */
    public static LabelMask filter(LabelMask mask, FloatMap attention, double minShare) {
        if (!(minShare > 0)) return mask;
        Components c = Components.of(mask, true);
        float[] a = attention.values();
        double[] sum = new double[c.count];
        for (int p = 0; p < a.length; p++) {
            sum[c.region[p]] += a[p];
        }
        double best = 0;
        for (int r = 0; r < c.count; r++) {
            if (LabelMask.isObject(c.label[r])) best = Math.max(best, sum[r] / c.size[r]);
        }
        LabelMask out = mask.copy();
        byte[] labels = out.labels();
        boolean any = false;
        boolean[] drop = new boolean[c.count];
        for (int r = 0; r < c.count; r++) {
            drop[r] = LabelMask.isObject(c.label[r]) && sum[r] / c.size[r] < minShare * best;
            any |= drop[r];
        }
        if (!any) return out;
        for (int p = 0; p < labels.length; p++) {
            if (drop[c.region[p]]) labels[p] = LabelMask.BACKGROUND;
        }
        return out;
    }
}
