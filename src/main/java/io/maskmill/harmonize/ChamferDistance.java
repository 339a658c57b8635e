package io.maskmill.harmonize;

/**
 * Distance of every pixel to the nearest "source" pixel, by the two-pass 3-4 chamfer transform
 * (within 8 % of Euclidean distance, linear time). Pixels with no source in the grid get {@link #FAR}.
 */
final class ChamferDistance {
    static final float FAR = Float.MAX_VALUE;
    private static final int INF = Integer.MAX_VALUE / 2;

    private ChamferDistance() {
    }

    /** Distances in pixels; {@code source[i] != 0} marks the sources. */
    static float[] toNearest(byte[] source, int w, int h) {
        int[] d = new int[w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = source[i] != 0 ? 0 : INF;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0, i = y * w; x < w; x++, i++) {
                int v = d[i];
                if (x > 0) v = Math.min(v, d[i - 1] + 3);
                if (y > 0) {
                    v = Math.min(v, d[i - w] + 3);
                    if (x > 0) v = Math.min(v, d[i - w - 1] + 4);
                    if (x < w - 1) v = Math.min(v, d[i - w + 1] + 4);
                }
                d[i] = v;
            }
        }
        float[] out = new float[d.length];
        for (int y = h - 1; y >= 0; y--) {
            for (int x = w - 1, i = y * w + x; x >= 0; x--, i--) {
                int v = d[i];
                if (x < w - 1) v = Math.min(v, d[i + 1] + 3);
                if (y < h - 1) {
                    v = Math.min(v, d[i + w] + 3);
                    if (x < w - 1) v = Math.min(v, d[i + w + 1] + 4);
                    if (x > 0) v = Math.min(v, d[i + w - 1] + 4);
                }
                d[i] = v;
                out[i] = v >= INF ? FAR : v / 3f;
            }
        }
        return out;
    }

    /** 1 deep inside the object, ramping down over {@code featherPx} towards its edge, 0 outside. */
    static float[] featheredAlpha(byte[] object, int w, int h, double featherPx) {
        float[] alpha = new float[object.length];
        float[] toScene = null;
        if (featherPx > 1) {
            byte[] notObject = new byte[object.length];
            for (int i = 0; i < object.length; i++) {
                notObject[i] = (byte) (1 - object[i]);
            }
            toScene = toNearest(notObject, w, h);
        }
        for (int i = 0; i < alpha.length; i++) {
            if (object[i] != 0) {
                alpha[i] = toScene == null ? 1f : (float) Math.min(1, toScene[i] / featherPx);
            }
        }
        return alpha;
    }
}
