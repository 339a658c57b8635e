package io.maskmill.place;

import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.RgbImage;

/**
 * The tensors an ONNX FOPA placement model gets, prepared exactly as libcom's FOPA pipeline does, so
 * a model exported from it runs unchanged. All float32, NCHW, row-major:
 * <ul>
 * <li>{@code background} [1, 3, 256, 256]: the current composite resized to 256² (bilinear, half-pixel
 *     centres), RGB in [0, 1] normalised with ImageNet's mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225);</li>
 * <li>{@code foreground} [n, 3, 256, 256]: for each of the n scales, a black W×H canvas with the cut-out
 *     (pixels outside its mask black) scaled to that scale's box ({@link Scales}) and centred
 *     (left ⌊(W − w)/2⌋, top ⌊(H − h)/2⌋), resized to 256² and normalised like the background;</li>
 * <li>{@code mask} [n, 1, 256, 256]: the same canvases' masks (1 object, 0 else) resized to 256², in [0, 1].</li>
 * </ul>
 * The model returns {@code heatmap} [n, 1, 256, 256]: the probability (softmax of the "good placement"
 * channel) that centring the object at that cell at that scale is plausible; read it with
 * {@link ScoreMaps#fopa}. Scales that {@link Scales#usable()} rules out are still fed (so indices
 * line up) and their maps ignored.
 */
public record FopaInputs(float[] background, float[] foreground, float[] mask, int scales) {
    public static final int SIZE = 256;
    static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    static final float[] STD = {0.229f, 0.224f, 0.225f};

    public static FopaInputs prepare(PlacementQuery query) {
        return prepare(query.composite(), query.object(), query.scales());
    }

    static FopaInputs prepare(RgbImage composite, CutOut object, Scales scales) {
        int plane = SIZE * SIZE, n = scales.count();
        int width = composite.width(), height = composite.height();
        float[] background = new float[3 * plane];
        normalised(composite, background, 0);
        float[] foreground = new float[n * 3 * plane];
        float[] mask = new float[n * plane];
        Axis xs = new Axis(width), ys = new Axis(height);
        for (int i = 0; i < n; i++) {
            int w = scales.width()[i], h = scales.height()[i];
            ScaledCutOut scaled = ScaledCutOut.of(object, w, h, 0);
            Canvas canvas = new Canvas(scaled.rgb(), scaled.mask(), (width - w) / 2, (height - h) / 2, w, h, width, height);
            canvas.resize(xs, ys, foreground, i * 3 * plane, mask, i * plane);
        }
        return new FopaInputs(background, foreground, mask, n);
    }

    /**
     * One axis of the bilinear resize to 256 ({@link FloatMap#resizeBilinear}'s sampling: half-pixel
     * centres, edge clamped): the two source indices and the weight of each output index.
     */
    private static final class Axis {
        final int[] a = new int[SIZE];
        final int[] b = new int[SIZE];
        final float[] weight = new float[SIZE];

        Axis(int length) {
            float scale = (float) length / SIZE;
            for (int o = 0; o < SIZE; o++) {
                float f = Math.max(0f, (o + 0.5f) * scale - 0.5f);
                int i0 = Math.min((int) f, length - 1);
                a[o] = i0;
                b[o] = Math.min(i0 + 1, length - 1);
                weight[o] = f - i0;
            }
        }

        /** Output indices [from, to) whose samples can touch source indices [lo, hi); the rest read only zeros. */
        int[] touching(int lo, int hi) {
            int from = SIZE, to = 0;
            for (int o = 0; o < SIZE; o++) {
                if (b[o] >= lo && a[o] < hi) {
                    from = Math.min(from, o);
                    to = o + 1;
                }
            }
            return new int[] {from, Math.max(from, to)};
        }
    }

    /**
     * A black full-size canvas with the scaled cut-out centred on it, never built: a canvas pixel is
     * read straight from the cut-out, and output cells whose samples fall wholly on black are
     * constant. The arithmetic is {@link FloatMap#resizeBilinear}'s, term for term, so the tensors
     * are the ones resizing a real canvas would give, at the cost of the object's footprint only.
     */
    private record Canvas(float[] rgb, byte[] on, int left, int top, int w, int h, int width, int height) {

        float value(int x, int y, int channel) {
            int u = x - left, v = y - top;
            if (u < 0 || u >= w || v < 0 || v >= h || on[v * w + u] == 0) {
                return 0f;
            }
            return channel < 3 ? rgb[3 * (v * w + u) + channel] : 1f;
        }

        void resize(Axis xs, Axis ys, float[] foreground, int fgOffset, float[] mask, int maskOffset) {
            int plane = SIZE * SIZE;
            int[] cols = xs.touching(Math.max(0, left), Math.min(width, left + w));
            int[] rows = ys.touching(Math.max(0, top), Math.min(height, top + h));
            for (int c = 0; c < 4; c++) {
                float[] out = c < 3 ? foreground : mask;
                int offset = c < 3 ? fgOffset + c * plane : maskOffset;
                float empty = c < 3 ? (0f - MEAN[c]) / STD[c] : 0f;
                java.util.Arrays.fill(out, offset, offset + plane, empty);
                for (int y = rows[0]; y < rows[1]; y++) {
                    int y0 = ys.a[y], y1 = ys.b[y];
                    float wy = ys.weight[y];
                    for (int x = cols[0]; x < cols[1]; x++) {
                        int x0 = xs.a[x], x1 = xs.b[x];
                        float wx = xs.weight[x];
                        float top = value(x0, y0, c) + (value(x1, y0, c) - value(x0, y0, c)) * wx;
                        float bottom = value(x0, y1, c) + (value(x1, y1, c) - value(x0, y1, c)) * wx;
                        float sample = top + (bottom - top) * wy;
                        out[offset + y * SIZE + x] = c < 3 ? (sample - MEAN[c]) / STD[c] : sample;
                    }
                }
            }
        }
    }

    /** image resized to 256² per channel, ImageNet-normalised, written as 3 planes at {@code offset}. */
    private static void normalised(RgbImage image, float[] out, int offset) {
        int w = image.width(), h = image.height(), plane = SIZE * SIZE;
        float[] px = image.pixels();
        for (int c = 0; c < 3; c++) {
            float[] channel = new float[w * h];
            for (int p = 0; p < channel.length; p++) {
                channel[p] = px[3 * p + c];
            }
            float[] resized = new FloatMap(w, h, channel).resizeBilinear(SIZE, SIZE).values();
            for (int p = 0; p < plane; p++) {
                out[offset + c * plane + p] = (resized[p] - MEAN[c]) / STD[c];
            }
        }
    }
}
