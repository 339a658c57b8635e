package io.maskmill.place;

import io.maskmill.imaging.Box;
import io.maskmill.imaging.RgbImage;

/**
 * A cut-out resampled to a w×h box, ready to paste: mask, alpha matte and colours on a canvas that
 * is the box grown by {@code margin} pixels on every side (the outer half of the feathered edge).
 *
 * <p>Geometry (the transform a verification must reproduce): box pixel (u, v), 0 ≤ u &lt; w, 0 ≤ v &lt; h,
 * is object iff source mask pixel ({@code x0 + ⌊(2u+1)·bw / 2w⌋}, {@code y0 + ⌊(2v+1)·bh / 2h⌋}) is,
 * where (x0, y0, bw, bh) is the cut-out's box: nearest neighbour with pixel-centre alignment, in exact
 * integer arithmetic. Colours are bilinear at the same centres ({@code x0 + (u+½)·bw/w − ½}), averaged
 * over n×n sub-samples when shrinking by k = bw/w &gt; 1 (n = ⌈k⌉, at most 4), so downscaling does not alias.
 *
 * <p>Matte: with featherPx f ≥ 2, α = clamp(½ + s/f, 0, 1) where s is the signed distance of the pixel
 * centre to the mask's edge (d_in − ½ inside, ½ − d_out outside; d = exact Euclidean distance to the
 * nearest pixel of the other kind). Inside pixels get α &gt; ½ and outside pixels α &lt; ½, so the matte's
 * ≥ ½ region is the mask exactly; f ≤ 1 gives a hard matte (α = mask).
 */
public final class ScaledCutOut {
    private final int width;
    private final int height;
    private final int margin;
    private final int canvasWidth;
    private final int canvasHeight;
    private final byte[] mask;
    private final float[] alpha;
    private final float[] rgb;
    private final int area;

    private ScaledCutOut(int width, int height, int margin, byte[] mask, float[] alpha, float[] rgb, int area) {
        this.width = width;
        this.height = height;
        this.margin = margin;
        this.canvasWidth = width + 2 * margin;
        this.canvasHeight = height + 2 * margin;
        this.mask = mask;
        this.alpha = alpha;
        this.rgb = rgb;
        this.area = area;
    }

    /** Margin of the canvas around the box for a feather of {@code featherPx}: the outer ring where 0 &lt; α &lt; ½. */
    static int marginFor(int featherPx) {
        return featherPx <= 1 ? 0 : featherPx / 2; // = ceil((f - 1) / 2)
    }

    /** {@code cut} scaled to width×height with a feathered edge {@code featherPx} wide. */
    public static ScaledCutOut of(CutOut cut, int width, int height, int featherPx) {
        return maskOnly(cut, width, height, featherPx).withMatte(cut, featherPx);
    }

    /** Just the scaled mask (no matte, no colours): enough to test a position. */
    static ScaledCutOut maskOnly(CutOut cut, int width, int height, int featherPx) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
        }
        int m = marginFor(featherPx);
        int cw = width + 2 * m;
        byte[] mask = new byte[cw * (height + 2 * m)];
        int area = sampleMask(cut, width, height, m, mask, cw);
        return new ScaledCutOut(width, height, m, mask, null, null, area);
    }

    /** This mask completed with its matte and colours (this instance when it has them already). */
    ScaledCutOut withMatte(CutOut cut, int featherPx) {
        if (alpha != null) {
            return this;
        }
        float[] a = matte(mask, canvasWidth, canvasHeight, featherPx);
        float[] colours = sampleColours(cut, width, height, margin, a, canvasWidth, canvasHeight);
        return new ScaledCutOut(width, height, margin, mask, a, colours, area);
    }

    private static int sampleMask(CutOut cut, int w, int h, int m, byte[] mask, int cw) {
        Box b = cut.box();
        byte[] src = cut.mask().labels();
        int srcWidth = cut.mask().width();
        int[] column = new int[w];
        for (int u = 0; u < w; u++) {
            column[u] = b.x0() + (int) ((2L * u + 1) * b.width() / (2L * w));
        }
        int area = 0;
        for (int v = 0; v < h; v++) {
            int srcRow = (b.y0() + (int) ((2L * v + 1) * b.height() / (2L * h))) * srcWidth;
            int row = (v + m) * cw + m;
            for (int u = 0; u < w; u++) {
                if (src[srcRow + column[u]] != 0) {
                    mask[row + u] = 1;
                    area++;
                }
            }
        }
        return area;
    }

    private static float[] matte(byte[] mask, int cw, int ch, int featherPx) {
        float[] alpha = new float[mask.length];
        if (featherPx <= 1) {
            for (int i = 0; i < mask.length; i++) {
                alpha[i] = mask[i];
            }
            return alpha;
        }
        float[] toOutside = DistanceTransform.distanceTo(mask, (byte) 0, cw, ch);
        float[] toInside = DistanceTransform.distanceTo(mask, (byte) 1, cw, ch);
        float f = featherPx;
        for (int i = 0; i < mask.length; i++) {
            float s = mask[i] != 0 ? toOutside[i] - 0.5f : 0.5f - toInside[i];
            alpha[i] = Math.max(0f, Math.min(1f, 0.5f + s / f));
        }
        return alpha;
    }

    private static float[] sampleColours(CutOut cut, int w, int h, int m, float[] alpha, int cw, int ch) {
        Box b = cut.box();
        RgbImage src = cut.image();
        float[] px = src.pixels();
        int sw = src.width(), sh = src.height();
        double kx = (double) b.width() / w, ky = (double) b.height() / h;
        int nx = Math.min(4, Math.max(1, (int) Math.ceil(kx - 1e-9)));
        int ny = Math.min(4, Math.max(1, (int) Math.ceil(ky - 1e-9)));
        float weight = 1f / (nx * ny);
        float[] rgb = new float[alpha.length * 3];
        for (int cy = 0; cy < ch; cy++) {
            for (int cx = 0; cx < cw; cx++) {
                int i = cy * cw + cx;
                if (alpha[i] <= 0f) {
                    continue;
                }
                double centreX = b.x0() + (cx - m + 0.5) * kx, centreY = b.y0() + (cy - m + 0.5) * ky;
                float r = 0, g = 0, bl = 0;
                for (int j = 0; j < ny; j++) {
                    double sy = centreY + ((j + 0.5) / ny - 0.5) * ky - 0.5;
                    for (int k = 0; k < nx; k++) {
                        double sx = centreX + ((k + 0.5) / nx - 0.5) * kx - 0.5;
                        // bilinear, edges clamped
                        double fx = Math.max(0, Math.min(sw - 1, sx)), fy = Math.max(0, Math.min(sh - 1, sy));
                        int x0 = (int) fx, y0 = (int) fy;
                        int x1 = Math.min(x0 + 1, sw - 1), y1 = Math.min(y0 + 1, sh - 1);
                        float ax = (float) (fx - x0), ay = (float) (fy - y0);
                        int p00 = 3 * (y0 * sw + x0), p01 = 3 * (y0 * sw + x1);
                        int p10 = 3 * (y1 * sw + x0), p11 = 3 * (y1 * sw + x1);
                        float w00 = (1 - ax) * (1 - ay), w01 = ax * (1 - ay), w10 = (1 - ax) * ay, w11 = ax * ay;
                        r += w00 * px[p00] + w01 * px[p01] + w10 * px[p10] + w11 * px[p11];
                        g += w00 * px[p00 + 1] + w01 * px[p01 + 1] + w10 * px[p10 + 1] + w11 * px[p11 + 1];
                        bl += w00 * px[p00 + 2] + w01 * px[p01 + 2] + w10 * px[p10 + 2] + w11 * px[p11 + 2];
                    }
                }
                rgb[3 * i] = r * weight;
                rgb[3 * i + 1] = g * weight;
                rgb[3 * i + 2] = bl * weight;
            }
        }
        return rgb;
    }

    /** Box width (the object's w in Eq. 4's box). */
    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Pixels of canvas around the box on every side. */
    public int margin() {
        return margin;
    }

    public int canvasWidth() {
        return canvasWidth;
    }

    public int canvasHeight() {
        return canvasHeight;
    }

    /** Object pixels (0/1) on the canvas, row-major canvasWidth × canvasHeight. */
    public byte[] mask() {
        return mask;
    }

    /** The alpha matte on the canvas; α ≥ ½ exactly where {@link #mask()} is 1. */
    public float[] alpha() {
        return alpha;
    }

    /** Interleaved RGB on the canvas (zero where α is 0). */
    public float[] rgb() {
        return rgb;
    }

    /** Number of object pixels. */
    public int area() {
        return area;
    }
}
