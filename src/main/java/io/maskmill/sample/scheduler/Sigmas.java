package io.maskmill.sample.scheduler;

/** Noise levels in sigma form: sigma_t = sqrt((1 − ab_t)/ab_t), ab = 1/(sigma² + 1). */
final class Sigmas {
    private Sigmas() {
    }

    static double ofAlphaBar(double alphaBar) {
        return Math.sqrt((1 - alphaBar) / alphaBar);
    }

    /** numpy.interp of the training sigmas at a fractional timestep in [0, num_train − 1]. */
    static double interpolate(double[] alphasCumprod, double timestep) {
        int below = (int) Math.floor(timestep);
        if (below >= alphasCumprod.length - 1) {
            return ofAlphaBar(alphasCumprod[alphasCumprod.length - 1]);
        }
        double f = timestep - below;
        double low = ofAlphaBar(alphasCumprod[below]);
        return f == 0 ? low : low + f * (ofAlphaBar(alphasCumprod[below + 1]) - low);
    }

    /** Variance-preserving alpha_t = 1/sqrt(sigma² + 1). */
    static double alpha(double sigma) {
        return 1 / Math.sqrt(sigma * sigma + 1);
    }
}
