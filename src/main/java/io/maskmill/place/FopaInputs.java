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
        for (int i = 0; i < n; i++) {
            int w = scales.width()[i], h = scales.height()[i];
            ScaledCutOut scaled = ScaledCutOut.of(object, w, h, 0);
            RgbImage canvas = new RgbImage(width, height);
            FloatMap canvasMask = new FloatMap(width, height);
            int left = (width - w) / 2, top = (height - h) / 2;
            float[] rgb = canvas.pixels(), src = scaled.rgb();
            byte[] on = scaled.mask();
            for (int v = 0; v < h; v++) {
                int y = top + v;
                if (y < 0 || y >= height) {
                    continue;
                }
                for (int u = 0; u < w; u++) {
                    int x = left + u;
                    if (x < 0 || x >= width || on[v * w + u] == 0) {
                        continue;
                    }
                    int p = y * width + x, s = v * w + u;
                    rgb[3 * p] = src[3 * s];
                    rgb[3 * p + 1] = src[3 * s + 1];
                    rgb[3 * p + 2] = src[3 * s + 2];
                    canvasMask.values()[p] = 1f;
                }
            }
            normalised(canvas, foreground, i * 3 * plane);
            System.arraycopy(canvasMask.resizeBilinear(SIZE, SIZE).values(), 0, mask, i * plane, plane);
        }
        return new FopaInputs(background, foreground, mask, n);
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
