package io.maskmill.sample.scheduler;

/**
 * Classifier-free guidance: {@code uncond + scale·(cond − uncond)}, per element in float, the
 * precision the UNet's outputs have (float arithmetic here also vectorises, about 5× faster than
 * widening to double).
 */
public final class Guidance {
    private Guidance() {
    }

    public static float[] classifierFree(float[] uncond, float[] cond, double scale) {
        float[] out = new float[checkedLength(uncond, cond)];
        classifierFree(uncond, cond, scale, out);
        return out;
    }

    /** Writes into {@code out} (may be {@code uncond} or {@code cond} itself). */
    public static void classifierFree(float[] uncond, float[] cond, double scale, float[] out) {
        int n = checkedLength(uncond, cond);
        if (out == null || out.length != n) {
            throw new IllegalArgumentException("guidance output must hold " + n + " values");
        }
        float g = (float) scale;
        for (int i = 0; i < n; i++) {
            float u = uncond[i];
            out[i] = u + g * (cond[i] - u);
        }
    }

    /**
     * For one image of a batched UNet output held in one array: {@code out[j]} guided from
     * {@code batch[uncondFrom + j]} and {@code batch[condFrom + j]}, for every j of {@code out}.
     */
    public static void classifierFree(float[] batch, int uncondFrom, int condFrom, double scale, float[] out) {
        int n = out.length;
        if (uncondFrom < 0 || condFrom < 0 || Math.max(uncondFrom, condFrom) + n > batch.length) {
            throw new IllegalArgumentException("guidance halves at " + uncondFrom + " and " + condFrom + " of " + n
                    + " values outside a batch output of " + batch.length);
        }
        float g = (float) scale;
        for (int i = 0; i < n; i++) {
            float u = batch[uncondFrom + i];
            out[i] = u + g * (batch[condFrom + i] - u);
        }
    }

    /**
     * For a batch-of-two UNet output laid out [uncond | cond] (the usual single ONNX call): the
     * guided first half.
     */
    public static float[] classifierFreeBatched(float[] uncondThenCond, double scale) {
        if (uncondThenCond == null || uncondThenCond.length % 2 != 0) {
            throw new IllegalArgumentException("batched guidance input must hold uncond and cond halves of equal size");
        }
        int n = uncondThenCond.length / 2;
        float[] out = new float[n];
        float g = (float) scale;
        for (int i = 0; i < n; i++) {
            float u = uncondThenCond[i];
            out[i] = u + g * (uncondThenCond[n + i] - u);
        }
        return out;
    }

    private static int checkedLength(float[] uncond, float[] cond) {
        if (uncond == null || cond == null) {
            throw new IllegalArgumentException("guidance needs both unconditional and conditional outputs");
        }
        if (uncond.length != cond.length) {
            throw new IllegalArgumentException("unconditional output has " + uncond.length + " values, conditional "
                    + cond.length);
        }
        return uncond.length;
    }
}
