package io.maskmill.optimize;

import java.util.Random;

import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.LabelMask;

/**
 * A stand-in for a diffusion model's cross-attention, made from a ground-truth mask for evaluation:
 * the mask is area-downsampled to 16² and 32² (the UNet's attention resolutions), each map blurred
 * (σ = 1 cell), weakened by low-frequency multiplicative noise (attention concentrates on parts of an
 * object), given additive per-cell noise and a distractor blob away from the object, upsampled to the
 * image and averaged over the two resolutions, then min-max normalised as the sample stage does.
 * Seeded: the same mask and seed give the same map.
 */
public final class DegradedAttention {
    static final int[] RESOLUTIONS = {16, 32};

    private DegradedAttention() {
    }

    /** @param truth binary (object = nonzero) mask at the image size */
    public static FloatMap from(LabelMask truth, long seed) {
        int w = truth.width(), h = truth.height();
        Random random = new Random(seed);
        float[] binary = new float[w * h];
        byte[] t = truth.labels();
        double cx = 0, cy = 0, count = 0;
        for (int p = 0; p < t.length; p++) {
            if (t[p] != 0) {
                binary[p] = 1;
                cx += p % w;
                cy += p / w;
                count++;
            }
        }
        cx /= Math.max(1, count);
        cy /= Math.max(1, count);
        // the distractor: opposite the object's centre through the image centre, jittered
        double bx = Math.min(0.9, Math.max(0.1, 1 - cx / w + 0.15 * random.nextGaussian()));
        double by = Math.min(0.9, Math.max(0.1, 1 - cy / h + 0.15 * random.nextGaussian()));
        double blobHeight = 0.45 + 0.25 * random.nextDouble();
        float[] sum = new float[w * h];
        FloatMap full = new FloatMap(w, h, binary);
        for (int r : RESOLUTIONS) {
            float[] a = Resampling.areaDownsample(full, r, r).values();
            a = GaussianBlur.blur(a, r, r, 1.0);
            float[] parts = lowFrequencyNoise(r, random);
            double blobSigma = r * (0.06 + 0.04 * random.nextDouble());
            for (int y = 0; y < r; y++) {
                for (int x = 0; x < r; x++) {
                    int p = y * r + x;
                    double dx = (x + 0.5) / r - bx, dy = (y + 0.5) / r - by;
                    double blob = blobHeight * Math.exp(-(dx * dx + dy * dy) * r * r / (2 * blobSigma * blobSigma));
                    a[p] = (float) Math.max(0, a[p] * (0.5 + 0.5 * parts[p]) + blob + 0.06 * random.nextGaussian());
                }
            }
            float[] up = new FloatMap(r, r, a).resizeBilinear(w, h).values();
            for (int p = 0; p < up.length; p++) {
                sum[p] += up[p] / RESOLUTIONS.length;
            }
        }
        SelfAttentionPropagation.normaliseMinMax(sum);
        return new FloatMap(w, h, sum);
    }

    /** A smooth random field in [0, 1] on an r×r grid (4×4 random values, bilinearly upsampled). */
    private static float[] lowFrequencyNoise(int r, Random random) {
        float[] coarse = new float[16];
        for (int i = 0; i < coarse.length; i++) {
            coarse[i] = random.nextFloat();
        }
        return new FloatMap(4, 4, coarse).resizeBilinear(r, r).values();
    }
}
