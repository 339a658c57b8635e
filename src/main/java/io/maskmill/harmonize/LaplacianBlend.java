package io.maskmill.harmonize;

/**
 * Burt–Adelson multiband blending of a change field: each Laplacian band of the change is weighted
 * by the alpha's Gaussian pyramid at the same scale, so coarse colour shifts fade in over a wide
 * zone and fine detail over a narrow one — no visible seam at the edge of the alpha.
 * Images are interleaved with {@code c} channels; the 5-tap binomial kernel [1 4 6 4 1]/16, edges clamped.
 */
final class LaplacianBlend {
    private LaplacianBlend() {
    }

    /**
     * Σ_k G_k(alpha) · L_k(change), collapsed back to full size. With alpha ≡ 1 this is exactly
     * {@code change}; with alpha ≡ 0 exactly zero.
     */
    static float[] blend(float[] change, float[] alpha, int w, int h, int c, int levels) {
        float[][] changes = new float[levels + 1][];
        float[][] alphas = new float[levels + 1][];
        int[] ws = new int[levels + 1], hs = new int[levels + 1];
        changes[0] = change;
        alphas[0] = alpha;
        ws[0] = w;
        hs[0] = h;
        for (int k = 1; k <= levels; k++) {
            changes[k] = down(changes[k - 1], ws[k - 1], hs[k - 1], c);
            alphas[k] = down(alphas[k - 1], ws[k - 1], hs[k - 1], 1);
            ws[k] = (ws[k - 1] + 1) / 2;
            hs[k] = (hs[k - 1] + 1) / 2;
        }
        float[] out = weighted(changes[levels], alphas[levels], c, null);
        for (int k = levels - 1; k >= 0; k--) {
            float[] coarse = up(changes[k + 1], ws[k + 1], hs[k + 1], c, ws[k], hs[k]);
            float[] band = changes[k].clone();
            for (int i = 0; i < band.length; i++) {
                band[i] -= coarse[i];
            }
            out = weighted(band, alphas[k], c, up(out, ws[k + 1], hs[k + 1], c, ws[k], hs[k]));
        }
        return out;
    }

    /** alpha·values (+ base when given), alpha broadcast over the c channels. */
    private static float[] weighted(float[] values, float[] alpha, int c, float[] base) {
        float[] out = base != null ? base : new float[values.length];
        for (int p = 0, i = 0; p < alpha.length; p++) {
            float a = alpha[p];
            for (int k = 0; k < c; k++, i++) {
                out[i] += a * values[i];
            }
        }
        return out;
    }

    /** Blur with [1 4 6 4 1]/16 and keep the even pixels: size ceil(w/2)×ceil(h/2). */
    static float[] down(float[] src, int w, int h, int c) {
        int dw = (w + 1) / 2, dh = (h + 1) / 2;
        float[] rows = new float[dw * h * c];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < dw; x++) {
                int cx = 2 * x;
                int xm2 = Math.max(cx - 2, 0), xm1 = Math.max(cx - 1, 0);
                int xp1 = Math.min(cx + 1, w - 1), xp2 = Math.min(cx + 2, w - 1);
                for (int k = 0; k < c; k++) {
                    rows[(y * dw + x) * c + k] = (src[(row + xm2) * c + k] + src[(row + xp2) * c + k]
                            + 4 * (src[(row + xm1) * c + k] + src[(row + xp1) * c + k])
                            + 6 * src[(row + cx) * c + k]) * (1f / 16);
                }
            }
        }
        float[] out = new float[dw * dh * c];
        int stride = dw * c;
        for (int y = 0; y < dh; y++) {
            int cy = 2 * y;
            int ym2 = Math.max(cy - 2, 0) * stride, ym1 = Math.max(cy - 1, 0) * stride, y0 = cy * stride;
            int yp1 = Math.min(cy + 1, h - 1) * stride, yp2 = Math.min(cy + 2, h - 1) * stride;
            for (int i = 0, o = y * stride; i < stride; i++, o++) {
                out[o] = (rows[ym2 + i] + rows[yp2 + i] + 4 * (rows[ym1 + i] + rows[yp1 + i]) + 6 * rows[y0 + i])
                        * (1f / 16);
            }
        }
        return out;
    }

    /** Back to w×h: coarse pixel i sits on fine pixel 2i; odd fine pixels average their two neighbours. */
    static float[] up(float[] src, int sw, int sh, int c, int w, int h) {
        float[] rows = new float[w * sh * c];
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < w; x++) {
                int a = x >> 1, b = Math.min((x + 1) >> 1, sw - 1);
                for (int k = 0; k < c; k++) {
                    rows[(y * w + x) * c + k] = (x & 1) == 0 ? src[(y * sw + a) * c + k]
                            : 0.5f * (src[(y * sw + a) * c + k] + src[(y * sw + b) * c + k]);
                }
            }
        }
        float[] out = new float[w * h * c];
        int stride = w * c;
        for (int y = 0; y < h; y++) {
            int a = (y >> 1) * stride, b = Math.min((y + 1) >> 1, sh - 1) * stride;
            boolean even = (y & 1) == 0;
            for (int i = 0, o = y * stride; i < stride; i++, o++) {
                out[o] = even ? rows[a + i] : 0.5f * (rows[a + i] + rows[b + i]);
            }
        }
        return out;
    }
}
