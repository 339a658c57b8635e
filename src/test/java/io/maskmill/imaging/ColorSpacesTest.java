package io.maskmill.imaging;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ColorSpacesTest {
    @Test
    void knownColoursMatchPublishedLabValues() {
        // White, black, sRGB red and a mid grey (CIE Lab D65 values from the standard formulas)
        float[] rgb = {1, 1, 1, 0, 0, 0, 1, 0, 0, 0.5f, 0.5f, 0.5f};
        float[] lab = new float[rgb.length];
        ColorSpaces.srgbToLab(rgb, lab);
        float[] expected = {100, 0, 0, 0, 0, 0, 53.24f, 80.09f, 67.20f, 53.39f, 0, 0};
        for (int i = 0; i < lab.length; i++) {
            assertEquals(expected[i], lab[i], 0.02, "component " + i);
        }
    }

    @Test
    void tablesAgreeWithExactFormulasAndRoundTrip() {
        Random random = new Random(1);
        float[] rgb = new float[3 * 20000];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = random.nextFloat();
        }
        float[] lab = new float[rgb.length];
        ColorSpaces.srgbToLab(rgb, lab);
        float[] back = new float[rgb.length];
        ColorSpaces.labToSrgb(lab, back);
        double worstLab = 0, worstRgb = 0;
        for (int p = 0; p < rgb.length; p += 3) {
            double[] exact = exactLab(rgb[p], rgb[p + 1], rgb[p + 2]);
            for (int c = 0; c < 3; c++) {
                worstLab = Math.max(worstLab, Math.abs(exact[c] - lab[p + c]));
                worstRgb = Math.max(worstRgb, Math.abs(rgb[p + c] - back[p + c]));
            }
        }
        assertEquals(0, worstLab, 2e-3, "Lab error vs exact formulas");
        assertEquals(0, worstRgb, 2e-4, "sRGB round-trip error");
    }

    @Test
    void rangeConversionTouchesOnlyItsPixels() {
        float[] rgb = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        float[] lab = new float[9];
        ColorSpaces.srgbToLab(rgb, lab, 1, 2);
        assertEquals(0, lab[0]);
        assertEquals(87.73f, lab[3], 0.02);
        assertEquals(0, lab[6]);
    }

    private static double[] exactLab(double r, double g, double b) {
        r = ColorSpaces.decodeExact(r);
        g = ColorSpaces.decodeExact(g);
        b = ColorSpaces.decodeExact(b);
        double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
        double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
        double fx = ColorSpaces.labFExact(x), fy = ColorSpaces.labFExact(y), fz = ColorSpaces.labFExact(z);
        return new double[]{116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }
}
