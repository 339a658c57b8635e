package io.maskmill.place;

import io.maskmill.imaging.Box;

/**
 * The object sizes tried, FOPA's (and libcom's) convention: n scales s_i = i / (n + 2), i = 1..n
 * (16 scales: 1/18 … 16/18). At scale s the cut-out's box keeps its aspect and is fitted to s times the
 * background: if the object is relatively taller than the background (bh/bw &gt; H/W) its height is
 * ⌊s·H⌋ and its width ⌊height·bw/bh⌋, otherwise its width is ⌊s·W⌋ and its height ⌊width·bh/bw⌋ — so
 * the object's longer side is s times the background's side it is fitted to (the shorter side of a
 * square background). Sizes below 1 px are raised to 1.
 *
 * @param scale  s_i per index
 * @param width  box width per index
 * @param height box height per index
 * @param usable whether the size may be used (not smaller than the minimum, not blown up beyond the limit)
 */
public record Scales(double[] scale, int[] width, int[] height, boolean[] usable) {

    public static Scales of(Box object, int backgroundWidth, int backgroundHeight, int count, int minObjectPx,
            double maxUpscale) {
        double[] s = new double[count];
        int[] w = new int[count], h = new int[count];
        boolean[] usable = new boolean[count];
        boolean fitHeight = (double) object.height() / object.width() > (double) backgroundHeight / backgroundWidth;
        for (int i = 0; i < count; i++) {
            s[i] = (i + 1.0) / (count + 2);
            if (fitHeight) {
                h[i] = Math.max(1, (int) (backgroundHeight * s[i]));
                w[i] = Math.max(1, (int) ((double) h[i] * object.width() / object.height()));
            } else {
                w[i] = Math.max(1, (int) (backgroundWidth * s[i]));
                h[i] = Math.max(1, (int) ((double) w[i] * object.height() / object.width()));
            }
            double upscale = Math.max((double) w[i] / object.width(), (double) h[i] / object.height());
            usable[i] = Math.min(w[i], h[i]) >= minObjectPx && upscale <= maxUpscale
                    && w[i] <= backgroundWidth && h[i] <= backgroundHeight;
        }
        return new Scales(s, w, h, usable);
    }

    public int count() {
        return scale.length;
    }

    public boolean anyUsable() {
        for (boolean u : usable) {
            if (u) {
                return true;
            }
        }
        return false;
    }
}
