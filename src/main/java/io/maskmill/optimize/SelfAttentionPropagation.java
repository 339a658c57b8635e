package io.maskmill.optimize;

import io.maskmill.imaging.ColorSpaces;
import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

/**
 * Dataset Diffusion's self-attention propagation: score = (A_self)^τ · a_cross at the self-attention's
 * resolution, min-max normalised, upsampled to the image; score ≥ {@code classAt} is the class,
 * [{@code ignoreFrom}, {@code classAt}) is unsure (255), the rest background.
 *
 * <p>(A)^τ·a is τ matrix–vector products over the float matrix (never the N×N power itself: τ·N²
 * instead of τ·N³ multiply-adds, 4 M for 32² at τ = 4).
 *
 * <p>Without the sample stage's self-attention, an appearance affinity of the image at a
 * {@code proxyGrid}-cell grid stands in for it: A_ij = softmax_j(−‖c_i − c_j‖²/2σ_c² − ‖p_i − p_j‖²/2σ_p²),
 * c the cells' mean CIE Lab colour and p their grid positions. Self-attention in the UNet behaves like
 * this (queries attend to similar-looking nearby patches), but it also knows semantics; the proxy does not.
 */
public final class SelfAttentionPropagation implements Refiner {
    public static final String NAME = "propagation";

    private final int tau;
    private final double classAt;
    private final double ignoreFrom;
    private final int proxyGrid;
    private final double proxyColourSigma;
    private final double proxyPositionSigma;

    public SelfAttentionPropagation(int tau, double classAt, double ignoreFrom, int proxyGrid, double proxyColourSigma,
                                    double proxyPositionSigma) {
        if (tau < 1 || !(ignoreFrom <= classAt) || proxyGrid < 2 || !(proxyColourSigma > 0) || !(proxyPositionSigma > 0)) {
            throw new IllegalArgumentException("propagation needs tau >= 1, ignoreFrom <= classAt, proxyGrid >= 2 and "
                    + "positive sigmas; got " + tau + ", " + ignoreFrom + ", " + classAt + ", " + proxyGrid);
        }
        this.tau = tau;
        this.classAt = classAt;
        this.ignoreFrom = ignoreFrom;
        this.proxyGrid = proxyGrid;
        this.proxyColourSigma = proxyColourSigma;
        this.proxyPositionSigma = proxyPositionSigma;
    }

    /** τ = 4, class at 0.6, unsure from 0.5 (Dataset Diffusion); a 32-cell proxy with σ_c = 5 Lab, σ_p = 1 cell. */
    public static SelfAttentionPropagation defaults() {
        return new SelfAttentionPropagation(4, 0.6, 0.5, 32, 5, 1);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Reference refine(RefinementInput input) {
        RgbImage image = input.image();
        SelfAttention self = input.selfAttention() != null ? input.selfAttention() : proxy(image);
        FloatMap cross = Resampling.areaDownsample(input.attention(), self.width(), self.height());
        float[] score = propagate(self, cross.values(), tau);
        normaliseMinMax(score);
        FloatMap full = new FloatMap(self.width(), self.height(), score).resizeBilinear(image.width(), image.height());
        float[] s = full.values();
        byte[] labels = new byte[s.length];
        for (int p = 0; p < s.length; p++) {
            labels[p] = s[p] >= classAt ? 1 : s[p] >= ignoreFrom ? (byte) LabelMask.IGNORE : 0;
        }
        return new Reference(full, new LabelMask(image.width(), image.height(), labels));
    }

    /** A^τ · v by τ matrix–vector products. */
    static float[] propagate(SelfAttention a, float[] v, int tau) {
        int n = a.size();
        float[] m = a.matrix();
        float[] cur = v.clone(), next = new float[n];
        for (int t = 0; t < tau; t++) {
            for (int i = 0; i < n; i++) {
                float acc = 0;
                for (int j = 0, row = i * n; j < n; j++) {
                    acc += m[row + j] * cur[j];
                }
                next[i] = acc;
            }
            float[] swap = cur;
            cur = next;
            next = swap;
        }
        return cur;
    }

    static void normaliseMinMax(float[] v) {
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        float range = max - min;
        for (int i = 0; i < v.length; i++) {
            v[i] = range > 0 ? (v[i] - min) / range : 0;
        }
    }

    /** The appearance affinity that stands in for self-attention (see the class comment). */
    public SelfAttention proxy(RgbImage image) {
        int long_ = Math.max(image.width(), image.height());
        int gw = Math.max(2, Math.round((float) proxyGrid * image.width() / long_));
        int gh = Math.max(2, Math.round((float) proxyGrid * image.height() / long_));
        RgbImage cells = Resampling.areaDownsample(image, gw, gh);
        float[] lab = new float[cells.pixels().length];
        ColorSpaces.srgbToLab(cells.pixels(), lab);
        int n = gw * gh;
        float[] matrix = new float[n * n];
        double cInv = 1 / (2 * proxyColourSigma * proxyColourSigma), pInv = 1 / (2 * proxyPositionSigma * proxyPositionSigma);
        for (int i = 0; i < n; i++) {
            int xi = i % gw, yi = i / gw, row = i * n;
            double sum = 0;
            for (int j = 0; j < n; j++) {
                float dl = lab[3 * i] - lab[3 * j], da = lab[3 * i + 1] - lab[3 * j + 1], db = lab[3 * i + 2] - lab[3 * j + 2];
                int dx = xi - j % gw, dy = yi - j / gw;
                double e = Math.exp(-(dl * dl + da * da + db * db) * cInv - (dx * dx + dy * dy) * pInv);
                matrix[row + j] = (float) e;
                sum += e;
            }
            float inv = (float) (1 / sum); // the diagonal term is exp(0) = 1, so sum >= 1
            for (int j = 0; j < n; j++) {
                matrix[row + j] *= inv;
            }
        }
        return new SelfAttention(gw, gh, matrix);
    }
}
