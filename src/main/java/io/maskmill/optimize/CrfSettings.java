package io.maskmill.optimize;

/**
 * Dense CRF parameters (defaults: appearance w = 5, θα = 80, θβ = 13, smoothness w = 3, θγ = 3, a sharpened
 * unary centred at 0.325, 10 mean-field iterations at long side 128; optimize.md says where and why they differ from pydensecrf's).
 *
 * @param thetaAlpha      appearance kernel's spatial σ, pixels of the full image
 * @param thetaBeta       appearance kernel's colour σ, 0..255 units
 * @param thetaGamma      smoothness kernel's σ, pixels of the full image
 * @param unaryConfidence c in u = c·a + (1 − c)/2: 1 trusts the attention fully, 0 ignores it
 * @param maxSide         inference runs with the image's long side at most this (the kernels scaled along)
 */
public record CrfSettings(double appearanceWeight, double thetaAlpha, double thetaBeta, double smoothnessWeight,
                          double thetaGamma, double unaryCentre, double unarySharpness, double unaryConfidence, int iterations, int maxSide) {
    public CrfSettings {
        if (!(appearanceWeight >= 0) || !(smoothnessWeight >= 0) || !(thetaAlpha > 0) || !(thetaBeta > 0)
                || !(thetaGamma > 0) || !(unaryCentre > 0 && unaryCentre < 1) || !(unarySharpness > 0) || !(unaryConfidence >= 0 && unaryConfidence <= 1) || iterations < 0 || maxSide < 8) {
            throw new IllegalArgumentException("CRF settings out of range: weights >= 0, thetas > 0, confidence in [0, 1], "
                    + "iterations >= 0, maxSide >= 8; got w_a " + appearanceWeight + ", θα " + thetaAlpha + ", θβ " + thetaBeta
                    + ", w_s " + smoothnessWeight + ", θγ " + thetaGamma + ", centre " + unaryCentre + ", T " + unarySharpness + ", c " + unaryConfidence + ", iterations " + iterations
                    + ", maxSide " + maxSide);
        }
    }

    /** The unary's 50 % point (and the default's fixed γ), chosen on the tune split (optimize.md). */
    public static final double DEFAULT_CENTRE = 0.325;

    public static CrfSettings defaults() {
        return new CrfSettings(5, 80, 13, 3, 3, DEFAULT_CENTRE, 0.05, 1.0, 10, 128);
    }

    /** The CRF of the paper configuration: the reference at centre 0.45 (the default before the split evaluation). */
    public static CrfSettings paper() {
        return new CrfSettings(5, 80, 13, 3, 3, 0.45, 0.05, 1.0, 10, 128);
    }

    public CrfSettings withUnaryCentre(double centre) {
        return new CrfSettings(appearanceWeight, thetaAlpha, thetaBeta, smoothnessWeight, thetaGamma, centre,
                unarySharpness, unaryConfidence, iterations, maxSide);
    }
}
