package io.maskmill.imaging;

/**
 * sRGB ↔ CIE L*a*b* (D65 white, 2° observer) on interleaved float arrays: RGB in [0, 1], L in
 * [0, 100], a and b roughly [-128, 127]. Input RGB outside [0, 1] is clamped; Lab that maps outside
 * the sRGB gamut is clamped to [0, 1] on the way back.
 *
 * <p>The three non-linear curves (sRGB decode, the Lab cube root, sRGB encode) are read from
 * 4097-entry tables with linear interpolation: about 20× faster than {@code Math.pow}, and the error
 * (below 1e-4 in RGB, 1e-3 in L) is far under one 8-bit step.
 */
public final class ColorSpaces {
    // sRGB (IEC 61966-2-1) primaries to XYZ, with the D65 white folded in so that white maps to 1, 1, 1.
    private static final float XN = 0.95047f, YN = 1.0f, ZN = 1.08883f;
    private static final float M00 = 0.4124564f / XN, M01 = 0.3575761f / XN, M02 = 0.1804375f / XN;
    private static final float M10 = 0.2126729f / YN, M11 = 0.7151522f / YN, M12 = 0.0721750f / YN;
    private static final float M20 = 0.0193339f / ZN, M21 = 0.1191920f / ZN, M22 = 0.9503041f / ZN;
    private static final float I00 = 3.2404542f * XN, I01 = -1.5371385f * YN, I02 = -0.4985314f * ZN;
    private static final float I10 = -0.9692660f * XN, I11 = 1.8760108f * YN, I12 = 0.0415560f * ZN;
    private static final float I20 = 0.0556434f * XN, I21 = -0.2040259f * YN, I22 = 1.0572252f * ZN;

    private static final double DELTA = 6.0 / 29.0;
    private static final int STEPS = 4096;
    private static final float[] DECODE = table(ColorSpaces::decodeExact);
    private static final float[] ENCODE = table(ColorSpaces::encodeExact);
    private static final float[] LAB_F = table(ColorSpaces::labFExact);

    private ColorSpaces() {
    }

    /** Converts {@code rgb} into {@code lab} (same length, a multiple of 3; may be the same array). */
    public static void srgbToLab(float[] rgb, float[] lab) {
        checkLengths(rgb, lab);
        srgbToLab(rgb, lab, 0, rgb.length / 3);
    }

    /** Converts pixels {@code fromPixel} (inclusive) to {@code toPixel} (exclusive) only. */
    public static void srgbToLab(float[] rgb, float[] lab, int fromPixel, int toPixel) {
        for (int i = fromPixel * 3, end = toPixel * 3; i < end; i += 3) {
            float r = lookup(DECODE, rgb[i]), g = lookup(DECODE, rgb[i + 1]), b = lookup(DECODE, rgb[i + 2]);
            float fx = lookup(LAB_F, M00 * r + M01 * g + M02 * b);
            float fy = lookup(LAB_F, M10 * r + M11 * g + M12 * b);
            float fz = lookup(LAB_F, M20 * r + M21 * g + M22 * b);
            lab[i] = 116f * fy - 16f;
            lab[i + 1] = 500f * (fx - fy);
            lab[i + 2] = 200f * (fy - fz);
        }
    }

    /** Converts {@code lab} into {@code rgb} (same length, a multiple of 3; may be the same array). */
    public static void labToSrgb(float[] lab, float[] rgb) {
        checkLengths(lab, rgb);
        labToSrgb(lab, rgb, 0, lab.length / 3);
    }

    /** Converts pixels {@code fromPixel} (inclusive) to {@code toPixel} (exclusive) only. */
    public static void labToSrgb(float[] lab, float[] rgb, int fromPixel, int toPixel) {
        for (int i = fromPixel * 3, end = toPixel * 3; i < end; i += 3) {
            float fy = (lab[i] + 16f) / 116f;
            float x = labFInverse(fy + lab[i + 1] / 500f);
            float y = labFInverse(fy);
            float z = labFInverse(fy - lab[i + 2] / 200f);
            rgb[i] = lookup(ENCODE, I00 * x + I01 * y + I02 * z);
            rgb[i + 1] = lookup(ENCODE, I10 * x + I11 * y + I12 * z);
            rgb[i + 2] = lookup(ENCODE, I20 * x + I21 * y + I22 * z);
        }
    }

    private static float labFInverse(float t) {
        return t > DELTA ? t * t * t : (float) (3 * DELTA * DELTA * (t - 4.0 / 29.0));
    }

    /** Table value at v in [0, 1] (clamped), linearly interpolated. */
    private static float lookup(float[] table, float v) {
        if (!(v > 0f)) {
            return table[0];
        }
        if (v >= 1f) {
            return table[STEPS];
        }
        float p = v * STEPS;
        int i = (int) p;
        return table[i] + (table[i + 1] - table[i]) * (p - i);
    }

    private static float[] table(java.util.function.DoubleUnaryOperator f) {
        float[] t = new float[STEPS + 1];
        for (int i = 0; i <= STEPS; i++) {
            t[i] = (float) f.applyAsDouble((double) i / STEPS);
        }
        return t;
    }

    static double decodeExact(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    static double encodeExact(double c) {
        return c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
    }

    static double labFExact(double t) {
        return t > DELTA * DELTA * DELTA ? Math.cbrt(t) : t / (3 * DELTA * DELTA) + 4.0 / 29.0;
    }

    private static void checkLengths(float[] in, float[] out) {
        if (in.length % 3 != 0 || out.length != in.length) {
            throw new IllegalArgumentException("interleaved colour arrays must have equal lengths divisible by 3, got "
                    + in.length + " and " + out.length);
        }
    }
}
