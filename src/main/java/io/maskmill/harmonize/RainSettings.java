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
 * @param deadZone      z: with D the distance of the object's Lab statistics (means and log σ) from the band's, in
 *                      units of the natural spread ({@link RainHarmonizer#NATURAL_SPREAD}: how far real objects are
 *                      from their surroundings; D = 1 is typical), the strength applied is
 *                      {@code strength·max(0, 1 − z²/D²)}: nothing for an object that already fits, nearly all of
 *                      {@code strength} for one far off. 0: always {@code strength} (the fixed-strength method)
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
     * The defaults, chosen on the tune split of coco-mini (even image ids; harmonize.md): strength 0.15, band
     * statistics, a dead zone of one natural spread (an object that already fits is left alone), and the object's
     * own contrast changed by at most ×1.5 either way.
     */
    public static RainSettings defaults() {
        return new RainSettings(0.15, 32, 0.0, 2.0, 3, 3.0, 1.0, 1.5);
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
