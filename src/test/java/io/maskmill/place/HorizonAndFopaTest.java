package io.maskmill.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

class HorizonAndFopaTest {
    @Test
    void horizonIsTheSkyGroundEdgeOrTheFallback() {
        RgbImage image = new RgbImage(200, 100);
        float[] px = image.pixels();
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 200; x++) {
                float v = y < 58 ? 0.8f : 0.3f; // bright sky over dark ground, edge between rows 57 and 58
                int i = 3 * (y * 200 + x);
                px[i] = v;
                px[i + 1] = v;
                px[i + 2] = v + ((x * 7 + y * 13) % 5) * 0.01f;
            }
        }
        SceneCues cues = Horizon.estimate(image, 0.4, 0);
        assertTrue(cues.horizonSeen());
        assertTrue(Math.abs(cues.horizonRow() - 57.5) <= 1.5, "horizon " + cues.horizonRow());
        SceneCues flat = Horizon.estimate(new RgbImage(200, 100), 0.4, 0);
        assertFalse(flat.horizonSeen());
        assertEquals(40, flat.horizonRow());
    }

    @Test
    void fopaTensorsFollowTheContract() {
        RgbImage background = new RgbImage(512, 256);
        java.util.Arrays.fill(background.pixels(), 0.485f); // red channel → 0 after normalisation
        RgbImage objectImage = new RgbImage(40, 80);
        java.util.Arrays.fill(objectImage.pixels(), 1f);
        LabelMask mask = new LabelMask(40, 80);
        java.util.Arrays.fill(mask.labels(), (byte) 1);
        CutOut cut = CutOut.of("white bar", objectImage, mask, 1);
        Scales scales = Scales.of(cut.box(), 512, 256, 16, 16, 100);
        // taller than the background (80/40 > 256/512): heights are floor(s·H)
        assertEquals((int) (256 * 16.0 / 18), scales.height()[15]);
        assertEquals(scales.height()[15] / 2, scales.width()[15]);
        FopaInputs in = FopaInputs.prepare(background, cut, scales);
        int plane = 256 * 256;
        assertEquals(3 * plane, in.background().length);
        assertEquals(16 * 3 * plane, in.foreground().length);
        assertEquals(16 * plane, in.mask().length);
        assertEquals(0f, in.background()[0], 1e-6);
        assertEquals((0.485f - 0.456f) / 0.224f, in.background()[plane], 1e-5);
        // scale 16: the object is centred, so the canvas centre is object (white, mask 1) and a corner is not
        int centre = 128 * 256 + 128, last = 15;
        assertEquals(1f, in.mask()[last * plane + centre], 1e-6);
        assertEquals(0f, in.mask()[last * plane], 1e-6);
        assertEquals((1f - 0.485f) / 0.229f, in.foreground()[last * 3 * plane + centre], 1e-5);
        assertEquals(-0.485f / 0.229f, in.foreground()[last * 3 * plane], 1e-5);

        float[] output = new float[16 * plane];
        output[3 * plane + 5] = 0.9f;
        ScoreMaps maps = ScoreMaps.fopa(output, 16);
        assertEquals(0.9f, maps.maps()[3][5]);
        assertEquals(1, maps.centreX(0, 512));
        assertThrows(IllegalArgumentException.class, () -> ScoreMaps.fopa(new float[10], 16));
    }
}
