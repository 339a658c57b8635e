package io.maskmill.optimize;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code maskmill.optimize.*}; documented with the defaults' reasons in optimize.md. */
@ConfigMapping(prefix = "maskmill.optimize")
public interface OptimizeConfig {
    /** The reference refiner: {@code crf}, {@code propagation}, or the name of a {@link Refiner} bean. */
    @WithDefault("crf")
    String refiner();

    /** The ONNX refiner's model file (contract in optimize.md); used when {@code refiner} is {@code onnx}. */
    Optional<String> model();

    /** Align the chosen candidate's boundary with the image by a CRF centred at the chosen γ. */
    @WithDefault("true")
    boolean snap();

    Sweep sweep();

    /** Object regions whose mean attention is below this share of the best-supported region's are dropped (0: none). */
    @WithDefault("0.95")
    double supportShare();

    Crf crf();

    Propagation propagation();

    Cleanup cleanup();

    Gate gate();

    interface Sweep {
        /** A one-value grid (from = to) is a fixed threshold; the paper's grid is 0.35…0.54. */
        @WithDefault("0.325")
        double from();

        @WithDefault("0.325")
        double to();

        @WithDefault("0.01")
        double step();

        /** w in IoU(γ) − w·n/(n+k)·|γ − μ_class|. */
        @WithDefault("0.5")
        double priorWeight();

        /** k: earlier kept samples of the class at which the prior has half its weight. */
        @WithDefault("10")
        int priorWarmup();
    }

    interface Crf {
        @WithDefault("5")
        double appearanceWeight();

        @WithDefault("80")
        double thetaAlpha();

        @WithDefault("13")
        double thetaBeta();

        @WithDefault("3")
        double smoothnessWeight();

        @WithDefault("3")
        double thetaGamma();

        @WithDefault("0.325")
        double unaryCentre();

        @WithDefault("0.05")
        double unarySharpness();

        @WithDefault("1.0")
        double unaryConfidence();

        @WithDefault("10")
        int iterations();

        /** Working resolution's long side: 128 keeps the evaluation's IoU (optimize.md) at a quarter of 256's cost. */
        @WithDefault("128")
        int maxSide();
    }

    interface Propagation {
        @WithDefault("4")
        int tau();

        @WithDefault("0.6")
        double classAt();

        @WithDefault("0.5")
        double ignoreFrom();

        @WithDefault("32")
        int proxyGrid();

        @WithDefault("5")
        double proxyColourSigma();

        @WithDefault("1")
        double proxyPositionSigma();
    }

    interface Cleanup {
        @WithDefault("20")
        int minRegionPx();

        @WithDefault("1500")
        int minBoxPx();

        @WithDefault("0.5")
        double minConfidence();
    }

    interface Gate {
        /** The best fraction of each class kept, once the class is past its warm-up. */
        @WithDefault("0.7")
        double keepFraction();

        /** Earlier scored samples of a class before the gate starts rejecting by rank. */
        @WithDefault("10")
        int warmup();

        @WithDefault("0.01")
        double minArea();

        @WithDefault("0.9")
        double maxArea();
    }
}
