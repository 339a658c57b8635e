package io.maskmill.place;

import java.util.Arrays;

import io.maskmill.imaging.RgbImage;

/**
 * A horizon estimate for the support cue: the row, between 15 % and 75 % of the height, with the
 * strongest horizontal edge (mean |∂Y/∂y| of luminance across the row, smoothed over ±1 % of the
 * height) — where sky meets ground, or a floor meets a wall. It counts only if that edge is at least
 * {@value #MIN_CONTRAST} times the median row's; otherwise the horizon is the configured fallback fraction.
 */
final class Horizon {
    static final double MIN_CONTRAST = 2.0;
    static final double TOP = 0.15;
    static final double BOTTOM = 0.75;

    private Horizon() {
    }

    /** The horizon row and whether it was seen (true) or is the fallback (false). */
    static SceneCues estimate(RgbImage image, double fallbackFraction, double sizeAnchor) {
        int w = image.width(), h = image.height();
        int fallback = (int) Math.round(fallbackFraction * (h - 1));
        if (h < 8) {
            return new SceneCues(fallback, false, sizeAnchor);
        }
        float[] px = image.pixels();
        double[] energy = new double[h];
        int stride = w >= 256 ? 2 : 1;
        for (int y = 1; y < h - 1; y++) {
            double sum = 0;
            int up = 3 * (y - 1) * w, down = 3 * (y + 1) * w;
            for (int x = 0; x < w; x += stride) {
                int i = 3 * x;
                sum += Math.abs(luma(px, down + i) - luma(px, up + i));
            }
            energy[y] = sum / ((w + stride - 1) / stride);
        }
        energy[0] = energy[1];
        energy[h - 1] = energy[h - 2];
        double[] smooth = new double[h];
        int r = Math.max(1, h / 100);
        for (int y = 0; y < h; y++) {
            double s = 0;
            int n = 0;
            for (int k = Math.max(0, y - r); k <= Math.min(h - 1, y + r); k++) {
                s += energy[k];
                n++;
            }
            smooth[y] = s / n;
        }
        int best = -1;
        for (int y = (int) (TOP * h); y <= (int) (BOTTOM * h); y++) {
            if (best < 0 || smooth[y] > smooth[best]) {
                best = y;
            }
        }
        double[] sorted = smooth.clone();
        Arrays.sort(sorted);
        double median = sorted[h / 2];
        boolean seen = best >= 0 && smooth[best] >= MIN_CONTRAST * median && smooth[best] > 1e-3;
        return new SceneCues(seen ? best : fallback, seen, sizeAnchor);
    }

    private static float luma(float[] px, int i) {
        return 0.299f * px[i] + 0.587f * px[i + 1] + 0.114f * px[i + 2];
    }
}
