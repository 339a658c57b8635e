package io.maskmill.sample.noise;

import org.apache.commons.rng.core.source32.Philox4x32;

/**
 * Seeded standard-normal noise that is bit-identical on every JVM and machine.
 *
 * <p>Uniforms come from Philox4x32-10 (Salmon et al. 2011, Apache Commons RNG): the 64-bit seed is
 * the Philox key, the 64-bit stream id the upper half of the 128-bit counter, so streams of one
 * seed never overlap. Each pair of uniforms (53-bit doubles) becomes two normals by Box-Muller
 * computed with {@link StrictMath} (fdlibm, identical everywhere), rounded to float:
 * {@code r = sqrt(-2 ln(1 - u1))}, {@code z0 = r cos(2 pi u2)}, {@code z1 = r sin(2 pi u2)}.
 *
 * <p>The values depend only on (seed, stream) and their position, not on how the stream is
 * chunked into {@link #fill} calls. Not thread-safe; use one instance per sampling loop.
 */
public final class GaussianNoise implements NoiseSource {
    private static final double TWO_PI = 2 * Math.PI;

    private final Philox4x32 uniforms;
    private float spare;
    private boolean hasSpare;

    /** Stream 0 of {@code seed}. */
    public GaussianNoise(long seed) {
        this(seed, 0L);
    }

    public GaussianNoise(long seed, long stream) {
        uniforms = new Philox4x32(new int[] {(int) seed, (int) (seed >>> 32), 0, 0, (int) stream, (int) (stream >>> 32)});
    }

    /** The first {@code n} values of stream 0 of {@code seed}. */
    public static float[] gaussian(long seed, int n) {
        return new GaussianNoise(seed).next(n);
    }

    @Override
    public void fill(float[] out, int from, int to) {
        if (from < 0 || to > out.length || from > to) {
            throw new IndexOutOfBoundsException("noise range [" + from + ", " + to + ") outside array of " + out.length);
        }
        int i = from;
        if (hasSpare && i < to) {
            out[i++] = spare;
            hasSpare = false;
        }
        while (i < to) {
            double radius = StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - uniforms.nextDouble()));
            double angle = TWO_PI * uniforms.nextDouble();
            out[i++] = (float) (radius * StrictMath.cos(angle));
            float second = (float) (radius * StrictMath.sin(angle));
            if (i < to) {
                out[i++] = second;
            } else {
                spare = second;
                hasSpare = true;
            }
        }
    }
}
