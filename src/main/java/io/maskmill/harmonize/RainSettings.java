package io.maskmill.harmonize;

/**
 * Settings of {@link RainHarmonizer}.
 *
 * @param strength      0 keeps the object as it is, 1 applies the full normalisation (linear in between)
 * @param bandPx        width of the ring of scene pixels around the object whose statistics are "local";
 *                      0 uses global statistics only
 * @param globalMix     weight of the whole-scene statistics against the band's: μ_B = (1−m)·μ_band + m·μ_global
 *                      (same for σ); 1 = global only
 * @param featherPx     the alpha ramps from the object's edge to 1 over this many pixels inside it; ≤ 1 = hard edge
 * @param pyramidLevels Laplacian pyramid levels for blending the change in; 0 blends with the alpha alone
 * @param maxGain       σ_B/σ_F is clamped to [1/maxGain, maxGain] so a flat object's noise is not blown up;
 *                      {@code Double.POSITIVE_INFINITY} for the unclamped formula
 * @param deadZone      per Lab channel, the part of μ_B − μ_F and of ln(σ_B/σ_F) within ±deadZone natural spreads
 *                      ({@link RainHarmonizer#NATURAL_SPREAD}: how far real objects are from their surroundings) is
 *                      left alone and only the excess is corrected, so an object that already fits is not changed;
 *                      0 corrects all of it (the fixed-strength method)
 * @param maxContrastChange the object's own contrast (σ per Lab channel) changes by at most this factor either way,
 *                      so harmonization never flattens an object into a silhouette; {@code Double.POSITIVE_INFINITY}: no bound
 */
public record RainSettings(double strength, int bandPx, double globalMix, double featherPx, int pyramidLevels,
                           double maxGain, double deadZone, double maxContrastChange) {
    public RainSettings {
        if (!(strength >= 0 && strength <= 1)) {
            throw new IllegalArgumentException("strength must be in [0, 1], got " + strength);
        }
        if (bandPx < 0) {
            throw new IllegalArgumentException("bandPx must be >= 0, got " + bandPx);
        }
        if (!(globalMix >= 0 && globalMix <= 1)) {
            throw new IllegalArgumentException("globalMix must be in [0, 1], got " + globalMix);
        }
        if (bandPx == 0 && globalMix < 1) {
            throw new IllegalArgumentException("bandPx = 0 leaves no local statistics: set globalMix to 1");
        }
        if (!(featherPx >= 0)) {
            throw new IllegalArgumentException("featherPx must be >= 0, got " + featherPx);
        }
        if (pyramidLevels < 0 || pyramidLevels > 8) {
            throw new IllegalArgumentException("pyramidLevels must be 0..8, got " + pyramidLevels);
        }
        if (!(maxGain >= 1)) {
            throw new IllegalArgumentException("maxGain must be >= 1, got " + maxGain);
        }
        if (!(deadZone >= 0)) {
            throw new IllegalArgumentException("deadZone must be >= 0, got " + deadZone);
        }
        if (!(maxContrastChange >= 1)) {
            throw new IllegalArgumentException("maxContrastChange must be >= 1, got " + maxContrastChange);
        }
    }

    /** The fixed-strength method: no dead zone, no bound on the contrast change beyond {@code maxGain}. */
    public RainSettings(double strength, int bandPx, double globalMix, double featherPx, int pyramidLevels, double maxGain) {
        this(strength, bandPx, globalMix, featherPx, pyramidLevels, maxGain, 0, Double.POSITIVE_INFINITY);
    }

    /**
     * The defaults, chosen on the tuning half of coco-mini (harmonize.md): a strength of 0.3 (full-strength
     * AdaIN erases the object's own colour and raises the error), band statistics only.
     */
    public static RainSettings defaults() {
        return new RainSettings(0.3, 32, 0.0, 2.0, 3, 3.0);
    }

    /** The fixed-strength method documented before the dead zone (strength 0.3, band statistics): selectable, not the default. */
    public static RainSettings fixedStrength() {
        return new RainSettings(0.3, 32, 0.0, 2.0, 3, 3.0);
    }

    /** Reinhard et al. 2001 colour transfer: global scene statistics, full strength, hard edge, no clamp. */
    public static RainSettings reinhard() {
        return new RainSettings(1.0, 0, 1.0, 0, 0, Double.POSITIVE_INFINITY);
    }

    public RainSettings withStrength(double s) {
        return new RainSettings(s, bandPx, globalMix, featherPx, pyramidLevels, maxGain, deadZone, maxContrastChange);
    }

    public RainSettings withBand(int px, double mix) {
        return new RainSettings(strength, px, mix, featherPx, pyramidLevels, maxGain, deadZone, maxContrastChange);
    }

    public RainSettings withBlending(double feather, int levels) {
        return new RainSettings(strength, bandPx, globalMix, feather, levels, maxGain, deadZone, maxContrastChange);
    }

    public RainSettings withMaxGain(double gain) {
        return new RainSettings(strength, bandPx, globalMix, featherPx, pyramidLevels, gain, deadZone, maxContrastChange);
    }

    public RainSettings withDeadZone(double zone) {
        return new RainSettings(strength, bandPx, globalMix, featherPx, pyramidLevels, maxGain, zone, maxContrastChange);
    }

    public RainSettings withMaxContrastChange(double factor) {
        return new RainSettings(strength, bandPx, globalMix, featherPx, pyramidLevels, maxGain, deadZone, factor);
    }
}
