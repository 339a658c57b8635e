package io.maskmill.place;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

/**
 * The FOPA tensors are built from the object's footprint only; they must be, bit for bit, what the
 * contract's plain construction gives: a full black canvas per scale with the cut-out centred on it,
 * resized to 256² and normalised. The plain construction is written out here as the reference.
 */
class FopaInputsTest {

    @Test
    void footprintConstructionEqualsResizingWholeCanvases() {
        Random random = new Random(11);
        int[][] sizes = { { 512, 384 }, { 300, 500 }, { 640, 480 }, { 257, 255 } };
        for (int[] size : sizes) {
            RgbImage scene = randomImage(size[0], size[1], random);
            int ow = 20 + random.nextInt(120), oh = 20 + random.nextInt(120);
            RgbImage objectImage = randomImage(ow, oh, random);
            LabelMask objectMask = new LabelMask(ow, oh);
            for (int i = 0; i < objectMask.labels().length; i++) {
                // an object with holes and ragged edges, so masked-out pixels inside the box matter
                objectMask.labels()[i] = (byte) (random.nextInt(5) == 0 ? 0 : 1);
            }
            CutOut cut = CutOut.of("thing", objectImage, objectMask, 1);
            Scales scales = Scales.of(cut.box(), size[0], size[1], 16, 16, 100);
            FopaInputs fast = FopaInputs.prepare(scene, cut, scales);
            FopaInputs reference = reference(scene, cut, scales);
            assertArrayEquals(reference.background(), fast.background());
            assertArrayEquals(reference.foreground(), fast.foreground(), "foreground at " + size[0] + "x" + size[1]);
            assertArrayEquals(reference.mask(), fast.mask(), "mask at " + size[0] + "x" + size[1]);
        }
    }

    private static FopaInputs reference(RgbImage composite, CutOut object, Scales scales) {
        int plane = FopaInputs.SIZE * FopaInputs.SIZE, n = scales.count();
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
            for (int v = 0; v < h; v++) {
                for (int u = 0; u < w; u++) {
                    int x = left + u, y = top + v;
                    if (x >= 0 && x < width && y >= 0 && y < height && scaled.mask()[v * w + u] != 0) {
                        for (int c = 0; c < 3; c++) {
                            canvas.set(x, y, c, scaled.rgb()[3 * (v * w + u) + c]);
                        }
                        canvasMask.set(x, y, 1f);
                    }
                }
            }
            normalised(canvas, foreground, i * 3 * plane);
            System.arraycopy(canvasMask.resizeBilinear(FopaInputs.SIZE, FopaInputs.SIZE).values(), 0, mask, i * plane,
                    plane);
        }
        return new FopaInputs(background, foreground, mask, n);
    }

    private static void normalised(RgbImage image, float[] out, int offset) {
        int plane = FopaInputs.SIZE * FopaInputs.SIZE;
        float[][] planes = image.planes();
        for (int c = 0; c < 3; c++) {
            float[] resized = new FloatMap(image.width(), image.height(), planes[c])
                    .resizeBilinear(FopaInputs.SIZE, FopaInputs.SIZE).values();
            for (int p = 0; p < plane; p++) {
                out[offset + c * plane + p] = (resized[p] - FopaInputs.MEAN[c]) / FopaInputs.STD[c];
            }
        }
    }

    private static RgbImage randomImage(int w, int h, Random random) {
        RgbImage image = new RgbImage(w, h);
        for (int i = 0; i < image.pixels().length; i++) {
            image.pixels()[i] = random.nextFloat();
        }
        return image;
    }
}
