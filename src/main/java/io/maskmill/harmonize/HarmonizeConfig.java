package io.maskmill.harmonize;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code maskmill.harmonize.*}: the built-in RAIN/AdaIN settings, or an ONNX harmonization model. */
@ConfigMapping(prefix = "maskmill.harmonize")
public interface HarmonizeConfig {
    /** 0 leaves the object as pasted, 1 applies the background's statistics fully. */
    @WithDefault("0.15")
    double strength();

    /** Width of the band around the object whose statistics stand for "the scene here". */
    @WithDefault("32")
    int bandPx();

    /** Share of the whole scene's statistics mixed into the band's (0: band only). */
    @WithDefault("0.0")
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

    default RainSettings rain() {
        return new RainSettings(strength(), bandPx(), globalMix(), featherPx(), pyramidLevels(), maxGain(), deadZone(),
                maxContrastChange());
    }
}
