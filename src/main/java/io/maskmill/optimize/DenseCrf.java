package io.maskmill.optimize;

import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

/**
 * Fully connected CRF (Krähenbühl & Koltun 2011), two labels (class, background), Potts compatibility,
 * mean-field inference:
 * <pre>
 * k(i, j) = w_a·exp(−‖p_i − p_j‖²/2θ_α² − ‖I_i − I_j‖²/2θ_β²) + w_s·exp(−‖p_i − p_j‖²/2θ_γ²)
 * Q_i(fg) ← σ( logit(u_i) + Σ_m w_m·(2·(K̂_m Q(fg))_i − 1) )
 * </pre>
 * with K̂ each kernel normalised to average (the "normalize after" of the reference implementation),
 * u_i = c·a_i + (1 − c)/2 the unary foreground probability from the attention a with confidence c,
 * I in 0..255 units. The appearance kernel runs on a {@link PermutohedralLattice} in (x, y, r, g, b);
 * the smoothness kernel is a separable Gaussian blur — both O(N), never O(N²).
 *
 * <p>Inference runs on the image area-downsampled so its long side is at most {@code maxSide}
 * (θ_α, θ_γ scaled with it), then Q is upsampled bilinearly: attention comes at 64² or less, so the
 * full-resolution field adds cost, not information. The reference is Q ≥ 0.5.
 */
public final class DenseCrf implements Refiner {
    public static final String NAME = "crf";

    private final CrfSettings settings;

    public DenseCrf(CrfSettings settings) {
        this.settings = settings;
    }

    public static DenseCrf defaults() {
        return new DenseCrf(CrfSettings.defaults());
    }

    public CrfSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Reference refine(RefinementInput input) {
        return refine(input, settings.unaryCentre());
    }

    /** The CRF with the unary's 50 % point at attention {@code centre} (a threshold the sweep chose, say). */
    public Reference refine(RefinementInput input, double centre) {
        int w = input.image().width(), h = input.image().height();
        Field field = field(input.image());
        int sw = field.image().width(), sh = field.image().height();
        FloatMap attention = field.scale() < 1 ? Resampling.areaDownsample(input.attention(), sw, sh) : input.attention();
        FloatMap score = new FloatMap(sw, sh, infer(field, attention.values(), centre));
        if (field.scale() < 1) {
            score = score.resizeBilinear(w, h);
        }
        float[] sc = score.values();
        byte[] labels = new byte[sc.length];
        for (int p = 0; p < sc.length; p++) {
            labels[p] = sc[p] >= 0.5f ? (byte) 1 : 0;
        }
        return new Reference(score, new LabelMask(w, h, labels));
    }

    /** The per-image part of inference: the lattice and the kernels' normalisers, at the working scale. */
    private record Field(RgbImage source, RgbImage image, double scale, PermutohedralLattice lattice, float[] normA,
                         float[] normS) {
    }

    /** The last image's field, per thread: the reference and the snap run on the same image back to back. */
    private final ThreadLocal<Field> lastField = new ThreadLocal<>();

    private Field field(RgbImage source) {
        Field cached = lastField.get();
        if (cached != null && cached.source() == source) {
            return cached;
        }
        int w = source.width(), h = source.height();
        double s = Math.min(1.0, (double) settings.maxSide() / Math.max(w, h));
        int sw = Math.max(1, (int) Math.round(w * s)), sh = Math.max(1, (int) Math.round(h * s));
        RgbImage image = s < 1 ? Resampling.areaDownsample(source, sw, sh) : source;
        int n = sw * sh;
        float[] features = new float[5 * n];
        float[] rgb = image.pixels();
        float posScale = (float) (1 / (settings.thetaAlpha() * s)), colScale = (float) (255 / settings.thetaBeta());
        for (int p = 0; p < n; p++) {
            features[5 * p] = (p % sw) * posScale;
            features[5 * p + 1] = (p / sw) * posScale;
            features[5 * p + 2] = rgb[3 * p] * colScale;
            features[5 * p + 3] = rgb[3 * p + 1] * colScale;
            features[5 * p + 4] = rgb[3 * p + 2] * colScale;
        }
        PermutohedralLattice lattice = PermutohedralLattice.build(features, 5, n);
        float[] ones = new float[n];
        java.util.Arrays.fill(ones, 1f);
        float[] normA = new float[n], normS = new float[n];
        lattice.filter(ones, normA);
        GaussianBlur.blur(ones, normS, new float[n], sw, sh, settings.thetaGamma() * s);
        Field field = new Field(source, image, s, lattice, normA, normS);
        lastField.set(field);
        return field;
    }

    /** Mean-field Q(fg) at the field's working scale. */
    private float[] infer(Field field, float[] attention, double centre) {
        int w = field.image().width(), h = field.image().height(), n = w * h;
        PermutohedralLattice lattice = field.lattice();
        float[] normA = field.normA(), normS = field.normS(), tmp = new float[n];
        double thetaGamma = settings.thetaGamma() * field.scale();
        float[] unaryLogit = new float[n], q = new float[n];
        double c = settings.unaryConfidence();
        for (int p = 0; p < n; p++) {
            double prob = 1 / (1 + Math.exp(-(attention[p] - centre) / settings.unarySharpness()));
            double u = Math.min(1 - 1e-4, Math.max(1e-4, c * prob + (1 - c) / 2));
            unaryLogit[p] = (float) Math.log(u / (1 - u));
            q[p] = (float) u;
        }
        float[] fa = new float[n], fs = new float[n];
        float wa = (float) settings.appearanceWeight(), ws = (float) settings.smoothnessWeight();
        for (int it = 0; it < settings.iterations(); it++) {
            lattice.filter(q, fa);
            GaussianBlur.blur(q, fs, tmp, w, h, thetaGamma);
            for (int p = 0; p < n; p++) {
                float ma = fa[p] / normA[p], ms = fs[p] / normS[p];
                float logit = unaryLogit[p] + wa * (2 * ma - 1) + ws * (2 * ms - 1);
                q[p] = (float) (1 / (1 + Math.exp(-logit)));
            }
        }
        return q;
    }
}
