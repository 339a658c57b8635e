package io.maskmill.sample.scheduler;

/**
 * Euler-type samplers on the unscaled latent y = x/alpha = x0 + sigma·eps, sigma = sqrt((1 − ab)/ab),
 * with sigmas linearly interpolated at (possibly fractional) planned timesteps and a final 0.
 */
abstract class EulerFamilyScheduler extends BaseScheduler {
    /** sigma of each step, plus a trailing 0. */
    double[] sigmas;

    EulerFamilyScheduler(SchedulerKind kind, SchedulerConfig config) {
        super(kind, config);
    }

    @Override
    final double[] plan(int steps) {
        return TimestepPlans.euler(config.timestepSpacing(), steps, config.numTrainTimesteps(), config.stepsOffset());
    }

    @Override
    final void planned() {
        sigmas = new double[timesteps.length + 1];
        for (int i = 0; i < timesteps.length; i++) {
            sigmas[i] = Sigmas.interpolate(alphasCumprod, timesteps[i]);
        }
    }

    /** The step sigmas with the trailing 0; a copy. */
    public final double[] sigmas() {
        requirePlanned();
        return sigmas.clone();
    }

    /** Linspace/trailing plans start at sigma_max; leading ones at sqrt(sigma_max² + 1), as diffusers. */
    @Override
    public final double initNoiseSigma() {
        requirePlanned();
        double max = 0;
        for (double s : sigmas) {
            max = Math.max(max, s);
        }
        return config.timestepSpacing() == TimestepSpacing.LEADING ? Math.sqrt(max * max + 1) : max;
    }

    /** The UNet sees the variance-preserving latent y/sqrt(sigma² + 1). */
    @Override
    public final float[] scaleModelInput(float[] latent, int stepIndex) {
        super.scaleModelInput(latent, stepIndex);
        double scale = Sigmas.alpha(sigmas[stepIndex]);
        float[] out = new float[latent.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (latent[i] * scale);
        }
        return out;
    }

    /** The prediction at step {@code stepIndex}, taking the unscaled latent as input. */
    final Prediction prediction(int stepIndex) {
        double sigma = sigmas[stepIndex];
        double alpha = Sigmas.alpha(sigma);
        return Prediction.of(config.predictionType(), alpha, sigma * alpha).forUnscaledLatent(alpha);
    }
}
