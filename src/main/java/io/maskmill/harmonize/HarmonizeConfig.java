package io.maskmill.harmonize;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code maskmill.harmonize.*}: which built-in method (boundary continuity, the default, or the paper's RAIN/AdaIN) and
 * its settings, or an ONNX harmonization model.
 */
@ConfigMapping(prefix = "maskmill.harmonize")
public interface HarmonizeConfig {
    /** {@code boundary} (boundary continuity, {@code maskmill.harmonize.boundary.*}) or {@code rain} (RAIN/AdaIN, the keys below). */
    @WithDefault("boundary")
    String method();

    /** {@code maskmill.harmonize.boundary.*}: the boundary-continuity method's settings. */
    Boundary boundary();

    interface Boundary {
        /** Share of the estimated offset removed once the evidence is full. */
        @WithDefault("0.8")
        double strength();

        /** Kernel width over boundary differences, in 8-bit levels. */
        @WithDefault("10")
        double kernelLevels();

        /** ln likelihood ratio below which the object is left alone. */
        @WithDefault("0.3")
        double evidenceFrom();

        /** ln likelihood ratio from which the full strength applies. */
        @WithDefault("3")
        double evidenceFull();

        /** At most this many 8-bit levels of shift per RGB channel. */
        @WithDefault("25")
        double maxShiftLevels();
    }

    /** RAIN/AdaIN ({@code method=rain}): 0 leaves the object as pasted, 1 applies the background's statistics fully. */
    @WithDefault("0.15")
    double strength();

    /** Width of the band around the object whose statistics stand for "the scene here". */
    @WithDefault("32")
    int bandPx();

    /** Share of the whole scene's statistics mixed into the band's (0: band only). */
    @WithDefault("0.5")
    double globalMix();

    @WithDefault("2")
    double featherPx();

    @WithDefault("3")
    int pyramidLevels();

    /** Upper bound on the contrast gain σ_B/σ_F. */
    @WithDefault("3")
    double maxGain();

    /** Distance from the band's statistics (in natural-spread units) below which nothing is corrected; 0: always {@code strength}. */
    @WithDefault("1.0")
    double deadZone();

    /** The object's own contrast changes by at most this factor either way (no silhouettes). */
    @WithDefault("1.5")
    double maxContrastChange();

    /** An ONNX harmonization model (see harmonize.md for its contract); the built-in method when absent. */
    Optional<String> model();

    /** The built-in harmonizer {@link #method()} names. */
    default Harmonizer builtIn() {
        return switch (method()) {
            case "boundary" -> new BoundaryHarmonizer(new BoundarySettings(boundary().strength(), boundary().kernelLevels(),
                    boundary().evidenceFrom(), boundary().evidenceFull(), boundary().maxShiftLevels()));
            case "rain" -> new RainHarmonizer(rain());
            default -> throw new IllegalArgumentException("maskmill.harmonize.method is '" + method()
                    + "': use boundary (boundary continuity) or rain (RAIN/AdaIN)");
        };
    }

    default RainSettings rain() {
        return new RainSettings(strength(), bandPx(), globalMix(), featherPx(), pyramidLevels(), maxGain(), deadZone(),
                maxContrastChange());
    }
}
