package io.maskmill.optimize;

import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.RgbImage;

/** Area-average downsampling (each output cell is the mean of the input pixels it covers, fractions weighted). */
final class Resampling {
    private Resampling() {
    }

    static FloatMap areaDownsample(FloatMap map, int width, int height) {
        return new FloatMap(width, height, area(map.values(), 1, map.width(), map.height(), width, height));
    }

    static RgbImage areaDownsample(RgbImage image, int width, int height) {
        return new RgbImage(width, height, area(image.pixels(), 3, image.width(), image.height(), width, height));
    }

    /** Interleaved {@code channels}-valued pixels, w×h → ow×oh with ow ≤ w, oh ≤ h. */
    private static float[] area(float[] in, int channels, int w, int h, int ow, int oh) {
        if (ow > w || oh > h) {
            throw new IllegalArgumentException("area downsampling " + w + "x" + h + " to a larger " + ow + "x" + oh);
        }
        double[] rows = new double[ow * h * channels]; // first along x, then along y
        double sx = (double) w / ow, sy = (double) h / oh;
        // each output column's first input column and weights, once for all rows
        int[] firstX = new int[ow], tapStart = new int[ow + 1];
        double[] weights = new double[ow * ((int) Math.ceil(sx) + 2)];
        for (int ox = 0, t = 0; ox < ow; ox++) {
            double from = ox * sx, to = from + sx;
            firstX[ox] = (int) from;
            for (int x = (int) from; x < Math.min(w, Math.ceil(to)); x++) {
                weights[t++] = Math.min(to, x + 1) - Math.max(from, x);
            }
            tapStart[ox + 1] = t;
        }
        for (int y = 0; y < h; y++) {
            for (int ox = 0; ox < ow; ox++) {
                int o = (y * ow + ox) * channels;
                for (int t = tapStart[ox], x = firstX[ox]; t < tapStart[ox + 1]; t++, x++) {
                    double weight = weights[t];
                    for (int c = 0, i = (y * w + x) * channels; c < channels; c++) {
                        rows[o + c] += weight * in[i + c];
                    }
                }
            }
        }
        float[] out = new float[ow * oh * channels];
        double norm = 1 / (sx * sy);
        for (int oy = 0; oy < oh; oy++) {
            double from = oy * sy, to = from + sy;
            for (int y = (int) from; y < Math.min(h, Math.ceil(to)); y++) {
                double weight = (Math.min(to, y + 1) - Math.max(from, y)) * norm;
                for (int i = 0, o = oy * ow * channels, r = y * ow * channels; i < ow * channels; i++) {
                    out[o + i] += (float) (weight * rows[r + i]);
                }
            }
        }
        return out;
    }
}
