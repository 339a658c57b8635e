package io.maskmill.sample.scheduler;

/** Per-training-step noise variances beta_t (diffusers' {@code beta_schedule}), in double precision. */
public enum BetaSchedule {
    /** beta linear from beta_start to beta_end. */
    LINEAR("linear"),
    /** sqrt(beta) linear from sqrt(beta_start) to sqrt(beta_end): Stable Diffusion's schedule. */
    SCALED_LINEAR("scaled_linear"),
    /** Nichol & Dhariwal cosine schedule, alpha_bar(t) = cos²((t + 0.008)/1.008 · π/2), beta capped at 0.999. */
    SQUAREDCOS_CAP_V2("squaredcos_cap_v2");

    final String configName;

    BetaSchedule(String configName) {
        this.configName = configName;
    }

    static BetaSchedule ofConfigName(String name, String source) {
        for (BetaSchedule b : values()) {
            if (b.configName.equals(name)) {
                return b;
            }
        }
        throw new SchedulerConfigException(source + ": beta_schedule '" + name
                + "' not supported (linear, scaled_linear, squaredcos_cap_v2)");
    }

    double[] betas(int trainSteps, double betaStart, double betaEnd) {
        double[] betas = new double[trainSteps];
        for (int i = 0; i < trainSteps; i++) {
            double f = trainSteps == 1 ? 0 : i / (double) (trainSteps - 1);
            betas[i] = switch (this) {
                case LINEAR -> betaStart + (betaEnd - betaStart) * f;
                case SCALED_LINEAR -> {
                    double root = Math.sqrt(betaStart) + (Math.sqrt(betaEnd) - Math.sqrt(betaStart)) * f;
                    yield root * root;
                }
                case SQUAREDCOS_CAP_V2 -> Math.min(1 - cosineAlphaBar((i + 1.0) / trainSteps) / cosineAlphaBar(i / (double) trainSteps), 0.999);
            };
        }
        return betas;
    }

    private static double cosineAlphaBar(double t) {
        double c = Math.cos((t + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }

    /** alpha_bar_t = prod_{s<=t} (1 − beta_s). */
    static double[] alphasCumprod(double[] betas) {
        double[] alphaBar = new double[betas.length];
        double product = 1;
        for (int i = 0; i < betas.length; i++) {
            product *= 1 - betas[i];
            alphaBar[i] = product;
        }
        return alphaBar;
    }
}
