package io.maskmill.sample.noise;

/** A stream of independent standard-normal floats (mean 0, variance 1). */
public interface NoiseSource {
    /** Fills {@code out[from, to)} with the next values of the stream. */
    void fill(float[] out, int from, int to);

    default void fill(float[] out) {
        fill(out, 0, out.length);
    }

    default float[] next(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("noise length must be >= 0, got " + n);
        }
        float[] out = new float[n];
        fill(out);
        return out;
    }
}
