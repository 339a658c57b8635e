package io.maskmill.harmonize;

import io.maskmill.events.InvalidInputException;
import io.maskmill.imaging.ColorSpaces;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.Polygons;
import io.maskmill.imaging.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RainHarmonizerTest {
    private static final int W = 96, H = 80;

    /** A noisy bluish scene with a noisy orange disc-ish polygon pasted in. */
    static RgbImage composite(LabelMask object) {
        Random random = new Random(3);
        RgbImage image = new RgbImage(W, H);
        float[] p = image.pixels();
        for (int i = 0; i < W * H; i++) {
            boolean in = object.labels()[i] != 0;
            float n = (float) random.nextGaussian() * 0.05f;
            p[3 * i] = (in ? 0.9f : 0.2f) + n;
            p[3 * i + 1] = (in ? 0.5f : 0.3f) + n;
            p[3 * i + 2] = (in ? 0.1f : 0.6f) + n * (in ? 0.3f : 2f);
        }
        return image;
    }

    static LabelMask object() {
        return Polygons.rasterize(List.of(new double[]{30, 20, 60, 18, 70, 45, 50, 62, 28, 50}), W, H);
    }

    @Test
    void fullStrengthHardEdgeGivesTheObjectTheSceneStatistics() {
        LabelMask mask = object();
        RgbImage in = composite(mask);
        RainSettings plain = new RainSettings(1.0, 0, 1.0, 0, 0, Double.POSITIVE_INFINITY);
        HarmonizationResult result = new RainHarmonizer(plain).harmonize(in, mask);
        assertTrue(result.applied(), result.detail());
        double[][] scene = labStats(in, mask, 0), object = labStats(result.image(), mask, 1);
        for (int c = 0; c < 3; c++) {
            assertEquals(scene[0][c], object[0][c], 0.6, "mean of Lab channel " + c);
            assertEquals(scene[1][c], object[1][c], 0.6, "std of Lab channel " + c);
        }
    }

    @Test
    void defaultsMoveTheObjectTowardsTheSceneAndLeaveEverythingElseAlone() {
        LabelMask mask = object();
        RgbImage in = composite(mask);
        RgbImage before = in.copy();
        LabelMask maskBefore = mask.copy();
        HarmonizationResult result = new RainHarmonizer(RainSettings.defaults()).harmonize(in, mask);
        assertTrue(result.applied(), result.detail());
        assertEquals(before, in, "input not modified");
        assertEquals(maskBefore, mask, "mask not modified");
        float[] a = in.pixels(), b = result.image().pixels();
        for (int i = 0; i < W * H; i++) {
            if (mask.labels()[i] == 0) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(a[3 * i + c], b[3 * i + c], "scene pixel " + i + " unchanged");
                }
            }
        }
        double[][] scene = labStats(in, mask, 0), was = labStats(in, mask, 1), now = labStats(result.image(), mask, 1);
        for (int c = 0; c < 3; c++) {
            // a mild strength, part of it: closer by a few per cent of the gap, every channel
            assertTrue(Math.abs(now[0][c] - scene[0][c]) < 0.98 * Math.abs(was[0][c] - scene[0][c]),
                    "channel " + c + " mean " + was[0][c] + " -> " + now[0][c] + " towards " + scene[0][c]);
        }
    }

    @Test
    void badMasksAreRefusedOrPassedThroughWithAReason() {
        RainHarmonizer rain = new RainHarmonizer(RainSettings.defaults());
        RgbImage image = composite(object());
        InvalidInputException wrongSize = assertThrows(InvalidInputException.class,
                () -> rain.harmonize(image, new LabelMask(W, H + 1)));
        assertEquals("foreground mask is 96x81 but the composite is 96x80", wrongSize.getMessage());

        HarmonizationResult empty = rain.harmonize(image, new LabelMask(W, H));
        assertFalse(empty.applied());
        assertTrue(empty.detail().contains("empty"), empty.detail());
        assertTrue(empty.image() == image, "passed-through image is the input");

        LabelMask full = new LabelMask(W, H);
        java.util.Arrays.fill(full.labels(), (byte) 1);
        HarmonizationResult all = rain.harmonize(image, full);
        assertFalse(all.applied());
        assertTrue(all.detail().contains("no scene"), all.detail());

        LabelMask tiny = new LabelMask(W, H);
        tiny.set(5, 5, 1);
        assertTrue(rain.harmonize(image, tiny).detail().contains("too few"));

        assertFalse(new RainHarmonizer(RainSettings.defaults().withStrength(0)).harmonize(image, object()).applied());
        assertThrows(IllegalArgumentException.class, () -> RainSettings.defaults().withStrength(1.5));
        assertThrows(IllegalArgumentException.class, () -> RainSettings.defaults().withBand(0, 0.5));
    }

    @Test
    void anObjectThatAlreadyFitsItsSurroundingsIsLeftAlone() {
        // the "object" is a patch of the scene itself, a little brighter: well within the natural spread
        LabelMask mask = object();
        Random random = new Random(4);
        RgbImage image = new RgbImage(W, H);
        float[] p = image.pixels();
        for (int i = 0; i < W * H; i++) {
            float n = (float) random.nextGaussian() * 0.05f, lift = mask.labels()[i] != 0 ? 0.04f : 0;
            p[3 * i] = 0.4f + n + lift;
            p[3 * i + 1] = 0.5f + n + lift;
            p[3 * i + 2] = 0.3f + n + lift;
        }
        HarmonizationResult result = new RainHarmonizer(RainSettings.defaults()).harmonize(image, mask);
        assertFalse(result.applied(), result.detail());
        assertTrue(result.detail().contains("within the dead zone"), result.detail());
        assertTrue(result.image() == image, "passed through unchanged");
        // the fixed-strength method changes it anyway
        assertTrue(new RainHarmonizer(RainSettings.fixedStrength()).harmonize(image, mask).applied());
    }

    @Test
    void theObjectsOwnContrastChangesByAtMostTheBound() {
        // a high-contrast checkered object in a flat scene: AdaIN would flatten it into a silhouette
        LabelMask mask = object();
        RgbImage image = new RgbImage(W, H);
        float[] p = image.pixels();
        for (int i = 0; i < W * H; i++) {
            boolean in = mask.labels()[i] != 0, light = ((i % W) / 3 + (i / W) / 3) % 2 == 0;
            float v = in ? (light ? 0.85f : 0.15f) : 0.3f + 0.01f * ((i % W) % 2);
            p[3 * i] = v;
            p[3 * i + 1] = v;
            p[3 * i + 2] = v;
        }
        double before = labStats(image, mask, 1)[1][0];
        RainSettings full = new RainSettings(1.0, 32, 0, 0, 0, Double.POSITIVE_INFINITY, 0, 1.5);
        double bounded = labStats(new RainHarmonizer(full).harmonize(image, mask).image(), mask, 1)[1][0];
        double unbounded = labStats(new RainHarmonizer(full.withMaxContrastChange(Double.POSITIVE_INFINITY))
                .harmonize(image, mask).image(), mask, 1)[1][0];
        assertTrue(unbounded < before / 5, "AdaIN flattens: σ_L " + before + " -> " + unbounded);
        assertEquals(before / 1.5, bounded, 0.05 * before, "bounded: σ_L " + before + " -> " + bounded);
    }

    @Test
    void laplacianBlendIsExactForUniformAlphaAndFeathersAnEdge() {
        Random random = new Random(5);
        int w = 37, h = 29;
        float[] change = new float[w * h * 3];
        for (int i = 0; i < change.length; i++) {
            change[i] = random.nextFloat() - 0.5f;
        }
        float[] ones = new float[w * h];
        java.util.Arrays.fill(ones, 1f);
        assertArrayEquals(change, LaplacianBlend.blend(change, ones, w, h, 3, 3), 1e-5f);
        assertArrayEquals(new float[change.length], LaplacianBlend.blend(change, new float[w * h], w, h, 3, 3), 0f);

        // a step alpha over a constant change: the blend rises monotonically across the edge
        float[] step = new float[w * h];
        float[] constant = new float[w * h];
        java.util.Arrays.fill(constant, 1f);
        for (int y = 0; y < h; y++) {
            for (int x = w / 2; x < w; x++) {
                step[y * w + x] = 1f;
            }
        }
        float[] row = LaplacianBlend.blend(constant, step, w, h, 1, 3);
        for (int x = 1; x < w; x++) {
            assertTrue(row[14 * w + x] >= row[14 * w + x - 1] - 1e-6f, "monotone at " + x);
        }
    }

    @Test
    void chamferDistanceIsCloseToEuclidean() {
        int w = 21, h = 21;
        byte[] source = new byte[w * h];
        source[10 * w + 10] = 1;
        float[] d = ChamferDistance.toNearest(source, w, h);
        assertEquals(0f, d[10 * w + 10]);
        assertEquals(10f, d[10 * w], 1e-6f);
        assertEquals(Math.hypot(10, 10), d[0], 0.08 * Math.hypot(10, 10));
    }

    /** {mean[3], std[3]} in Lab over the pixels whose mask value equals {@code value}. */
    static double[][] labStats(RgbImage image, LabelMask mask, int value) {
        float[] lab = new float[image.pixels().length];
        ColorSpaces.srgbToLab(image.pixels(), lab);
        double[] sum = new double[3], sq = new double[3];
        int n = 0;
        for (int i = 0; i < mask.labels().length; i++) {
            if (mask.labels()[i] == value) {
                n++;
                for (int c = 0; c < 3; c++) {
                    sum[c] += lab[3 * i + c];
                    sq[c] += lab[3 * i + c] * lab[3 * i + c];
                }
            }
        }
        double[][] out = new double[2][3];
        for (int c = 0; c < 3; c++) {
            out[0][c] = sum[c] / n;
            out[1][c] = Math.sqrt(sq[c] / n - out[0][c] * out[0][c]);
        }
        return out;
    }
}
