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
            int row = y * w;
            for (int x = 0; x < w; x++) {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    int xx = Math.min(w - 1, Math.max(0, x + k));
                    acc += kernel[k + radius] * in[row + xx];
                }
                tmp[row + x] = acc;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    int yy = Math.min(h - 1, Math.max(0, y + k));
                    acc += kernel[k + radius] * tmp[yy * w + x];
                }
                out[y * w + x] = acc;
            }
        }
    }

    static float[] blur(float[] in, int w, int h, double sigma) {
        float[] out = new float[in.length];
        blur(in, out, new float[in.length], w, h, sigma);
        return out;
    }
}
