package io.maskmill.place;

/**
 * Exact Euclidean distance transform (Felzenszwalb &amp; Huttenlocher, "Distance Transforms of Sampled
 * Functions", 2012): for every pixel, the distance between pixel centres to the nearest feature pixel.
 * Two passes of the 1-D lower-envelope-of-parabolas transform, O(pixels).
 */
final class DistanceTransform {
    private static final float FAR = 1e20f;

    private DistanceTransform() {
    }

    /**
     * Distance from each pixel of a width×height grid to the nearest pixel where {@code feature[p] == want};
     * about 1e10 where the grid has no feature pixel.
     */
    static float[] distanceTo(byte[] feature, byte want, int width, int height) {
        float[] d = new float[width * height];
        for (int i = 0; i < d.length; i++) {
            d[i] = feature[i] == want ? 0f : FAR;
        }
        int n = Math.max(width, height);
        float[] f = new float[n], out = new float[n];
        double[] z = new double[n + 1];
        int[] v = new int[n];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                f[y] = d[y * width + x];
            }
            transform1d(f, height, out, v, z);
            for (int y = 0; y < height; y++) {
                d[y * width + x] = out[y];
            }
        }
        for (int y = 0; y < height; y++) {
            int row = y * width;
            System.arraycopy(d, row, f, 0, width);
            transform1d(f, width, out, v, z);
            for (int x = 0; x < width; x++) {
                d[row + x] = (float) Math.sqrt(out[x]);
            }
        }
        return d;
    }

    /** Squared-distance 1-D transform of f[0..n) into out (v, z are scratch). */
    private static void transform1d(float[] f, int n, float[] out, int[] v, double[] z) {
        int k = 0;
        v[0] = 0;
        z[0] = Double.NEGATIVE_INFINITY;
        z[1] = Double.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            double s = intersection(f, q, v[k]);
            while (s <= z[k]) { // z[0] is -inf, so k never goes below 0
                k--;
                s = intersection(f, q, v[k]);
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            double dq = q - v[k];
            out[q] = (float) (dq * dq + f[v[k]]);
        }
    }

    /** Where the parabolas rooted at q and p intersect. */
    private static double intersection(float[] f, int q, int p) {
        return ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * (q - p));
    }
}
