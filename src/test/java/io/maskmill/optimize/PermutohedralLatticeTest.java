package io.maskmill.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The lattice's filter against the exact O(N²) Gaussian sum it approximates. */
class PermutohedralLatticeTest {
    @Test
    void approximatesTheNormalisedGaussianFilter() {
        Random random = new Random(3);
        int n = 1500, d = 5;
        float[] features = new float[n * d];
        float[] values = new float[n];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < d; i++) {
                features[p * d + i] = (float) (random.nextDouble() * 6); // a cube 6 σ wide
            }
            values[p] = features[p * d] < 3 ? 1 : 0; // a step along the first feature
        }
        PermutohedralLattice lattice = PermutohedralLattice.build(features, d, n);
        float[] ones = new float[n], norm = new float[n], filtered = new float[n];
        java.util.Arrays.fill(ones, 1);
        lattice.filter(ones, norm);
        lattice.filter(values, filtered);
        double error = 0, spread = 0;
        for (int p = 0; p < n; p++) {
            double num = 0, den = 0;
            for (int q = 0; q < n; q++) {
                double dist = 0;
                for (int i = 0; i < d; i++) {
                    double diff = features[p * d + i] - features[q * d + i];
                    dist += diff * diff;
                }
                double k = Math.exp(-dist / 2);
                num += k * values[q];
                den += k;
            }
            double exact = num / den, approx = filtered[p] / norm[p];
            error += Math.abs(exact - approx);
            spread += Math.abs(exact - 0.5);
        }
        // the lattice is an approximation (Adams et al. report a few % error); a broken one is off by far more
        assertThat(error / n).isLessThan(0.1);
        assertThat(spread / n).isGreaterThan(0.1); // the exact filter keeps the step: the check is not vacuous
    }
}
