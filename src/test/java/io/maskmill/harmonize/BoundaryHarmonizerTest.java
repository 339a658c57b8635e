package io.maskmill.harmonize;

import io.maskmill.events.InvalidInputException;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundaryHarmonizerTest {
    private static final int W = 96, H = 80;
    private final BoundaryHarmonizer boundary = new BoundaryHarmonizer(BoundarySettings.defaults());

    /** One textured surface (a gradient with noise) across the whole image: the object is a part of it. */
    static RgbImage surface(long seed) {
        Random random = new Random(seed);
        RgbImage image = new RgbImage(W, H);
        float[] p = image.pixels();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                float n = (float) random.nextGaussian() * 0.03f;
                p[3 * i] = 0.3f + 0.3f * x / W + n;
                p[3 * i + 1] = 0.5f - 0.2f * y / H + n;
                p[3 * i + 2] = 0.35f + n;
            }
        }
        return image;
    }

    /** The object's pixels re-lit: per-channel gain and a brightness shift, like the evaluation's perturbation. */
    static RgbImage relit(RgbImage photo, LabelMask mask) {
        RgbImage out = photo.copy();
        float[] p = out.pixels();
        float[] gain = {1.2f, 1.05f, 0.9f};
        for (int i = 0; i < W * H; i++) {
            if (mask.labels()[i] != 0) {
                for (int c = 0; c < 3; c++) {
                    p[3 * i + c] = p[3 * i + c] * gain[c] + 0.12f;
                }
            }
        }
        return out;
    }

    @Test
    void aReLitPartOfTheSceneIsShiftedBackAndNothingElseChanges() {
        LabelMask mask = RainHarmonizerTest.object();
        RgbImage photo = surface(5), composite = relit(photo, mask);
        RgbImage before = composite.copy();
        LabelMask maskBefore = mask.copy();
        HarmonizationResult result = boundary.harmonize(composite, mask);
        assertTrue(result.applied(), result.detail());
        assertEquals(before, composite, "input not modified");
        assertEquals(maskBefore, mask, "mask not modified");
        float[] in = composite.pixels(), out = result.image().pixels();
        for (int i = 0; i < W * H; i++) {
            if (mask.labels()[i] == 0) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(in[3 * i + c], out[3 * i + c], "scene pixel " + i + " unchanged");
                }
            }
        }
        double was = HarmonizationEvaluation.mse(photo, composite, mask);
        double now = HarmonizationEvaluation.mse(photo, result.image(), mask);
        // every boundary pair steps the same way: most of the error goes (0.8 of the offset once the evidence is full)
        assertTrue(now < 0.3 * was, "fMSE " + was + " -> " + now + ": " + result.detail());
        assertTrue(result.detail().contains("boundary pairs"), result.detail());
    }

    @Test
    void anObjectWhoseEdgeAlreadyContinuesTheSceneIsLeftAlone() {
        LabelMask mask = RainHarmonizerTest.object();
        RgbImage photo = surface(6);
        HarmonizationResult result = boundary.harmonize(photo, mask);
        assertFalse(result.applied(), result.detail());
        assertTrue(result.detail().contains("already continues the scene"), result.detail());
        assertSame(photo, result.image(), "passed through unchanged");
        // without the evidence gate the same object is changed, by the noise of its median step
        assertTrue(new BoundaryHarmonizer(BoundarySettings.defaults().withEvidence(0, 0)).harmonize(photo, mask).applied());
    }

    @Test
    void onlyAnOffsetIsAppliedBoundedPerChannelSoTheObjectKeepsItsContrast() {
        // an orange object on a blue scene, pixel-exact mask: every pair steps the same way, as if badly lit
        LabelMask mask = RainHarmonizerTest.object();
        RgbImage image = RainHarmonizerTest.composite(mask);
        HarmonizationResult result = boundary.harmonize(image, mask);
        assertTrue(result.applied(), result.detail());
        float[] in = image.pixels(), out = result.image().pixels();
        double[] sdIn = new double[3], sdOut = new double[3];
        for (int c = 0; c < 3; c++) {
            double maxShift = 0;
            for (int i = 0; i < W * H; i++) {
                if (mask.labels()[i] != 0) {
                    maxShift = Math.max(maxShift, Math.abs(out[3 * i + c] - in[3 * i + c]));
                }
            }
            assertTrue(maxShift <= BoundarySettings.defaults().maxShiftLevels() / 255.0 + 1e-6, "channel " + c + " shifted by " + 255 * maxShift + " levels");
            sdIn[c] = std(in, mask, c);
            sdOut[c] = std(out, mask, c);
            assertEquals(sdIn[c], sdOut[c], 0.1 * sdIn[c], "channel " + c + " contrast kept");
        }
    }

    @Test
    void badMasksAreRefusedOrPassedThroughWithAReason() {
        RgbImage image = surface(7);
        InvalidInputException wrongSize = assertThrows(InvalidInputException.class,
                () -> boundary.harmonize(image, new LabelMask(W, H + 1)));
        assertEquals("foreground mask is 96x81 but the composite is 96x80", wrongSize.getMessage());
        assertTrue(boundary.harmonize(image, new LabelMask(W, H)).detail().contains("empty"));

        // an object surrounded by other objects (ignored, 255): no scene pixel two steps out
        LabelMask boxed = new LabelMask(W, H);
        java.util.Arrays.fill(boxed.labels(), (byte) 255);
        for (int y = 30; y < 50; y++) {
            for (int x = 30; x < 50; x++) {
                boxed.set(x, y, 1);
            }
        }
        for (int i = 0; i < W; i++) {
            boxed.set(i, 0, 0); // some scene far away, so it is not "no scene"
        }
        HarmonizationResult none = boundary.harmonize(image, boxed);
        assertFalse(none.applied());
        assertTrue(none.detail().contains("too few to judge the edge"), none.detail());

        assertFalse(new BoundaryHarmonizer(BoundarySettings.defaults().withStrength(0)).harmonize(image, RainHarmonizerTest.object()).applied());
        assertThrows(IllegalArgumentException.class, () -> BoundarySettings.defaults().withStrength(1.5));
        assertThrows(IllegalArgumentException.class, () -> BoundarySettings.defaults().withEvidence(3, 1));
        assertThrows(IllegalArgumentException.class, () -> BoundarySettings.defaults().withMaxShift(0));
    }

    private static double std(float[] p, LabelMask mask, int c) {
        double s = 0, ss = 0;
        int n = 0;
        for (int i = 0; i < W * H; i++) {
            if (mask.labels()[i] != 0) {
                s += p[3 * i + c];
                ss += p[3 * i + c] * p[3 * i + c];
                n++;
            }
        }
        double m = s / n;
        return Math.sqrt(ss / n - m * m);
    }
}
