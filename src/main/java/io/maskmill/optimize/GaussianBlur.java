package io.maskmill.optimize;

/** Separable Gaussian blur of a single-channel row-major map, truncated at 3σ, edges clamped. */
final class GaussianBlur {
    private GaussianBlur() {
    }

    /** Blurs {@code in} (w×h) into {@code out}; {@code tmp} is scratch of the same length. */
    static void blur(float[] in, float[] out, float[] tmp, int w, int h, double sigma) {
        if (!(sigma > 0)) {
            System.arraycopy(in, 0, out, 0, in.length);
            return;
        }
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            sum += kernel[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
        for (int y = 0; y < h; y++) {
            blurRow(in, tmp, y * w, w, kernel, radius);
        }
        // vertical: whole rows at a time (sums taken in the same k order as per pixel, so the same floats)
        float[] acc = new float[w];
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(acc, 0f);
            for (int k = -radius; k <= radius; k++) {
                float kv = kernel[k + radius];
                int row = Math.min(h - 1, Math.max(0, y + k)) * w;
                for (int x = 0; x < w; x++) {
                    acc[x] += kv * tmp[row + x];
                }
            }
            System.arraycopy(acc, 0, out, y * w, w);
        }
    }

    /** One row, horizontally: clamped taps only within {@code radius} of the ends, plain ones in between. */
    private static void blurRow(float[] in, float[] out, int row, int w, float[] kernel, int radius) {
        int left = Math.min(radius, w);
        for (int x = 0; x < left; x++) {
            out[row + x] = clampedTap(in, row, w, x, kernel, radius);
        }
        for (int x = radius; x < w - radius; x++) {
            float acc = 0;
            for (int k = 0, i = row + x - radius; k < kernel.length; k++, i++) {
                acc += kernel[k] * in[i];
            }
            out[row + x] = acc;
        }
        for (int x = Math.max(left, w - radius); x < w; x++) {
            out[row + x] = clampedTap(in, row, w, x, kernel, radius);
        }
    }

    private static float clampedTap(float[] in, int row, int w, int x, float[] kernel, int radius) {
        float acc = 0;
        for (int k = -radius; k <= radius; k++) {
            acc += kernel[k + radius] * in[row + Math.min(w - 1, Math.max(0, x + k))];
        }
        return acc;
    }

    static float[] blur(float[] in, int w, int h, double sigma) {
        float[] out = new float[in.length];
        blur(in, out, new float[in.length], w, h, sigma);
        return out;
    }
}
