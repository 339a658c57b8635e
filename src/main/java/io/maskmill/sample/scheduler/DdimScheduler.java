package io.maskmill.sample.scheduler;

import io.maskmill.sample.noise.NoiseSource;

/**
 * DDIM (Song et al. 2021) with eta = 0, deterministic:
 * {@code x_prev = sqrt(ab_prev)·x0 + sqrt(1 − ab_prev)·eps}, where the previous timestep is
 * {@code t − num_train/steps} (as diffusers) and past 0 uses the final alpha_bar.
 */
public final class DdimScheduler extends BaseScheduler {
    public DdimScheduler(SchedulerConfig config) {
        super(SchedulerKind.DDIM, config);
    }

    @Override
    double[] plan(int steps) {
        return TimestepPlans.ddim(config.timestepSpacing(), steps, config.numTrainTimesteps(), config.stepsOffset());
    }

    @Override
    public float[] step(float[] modelOutput, int stepIndex, float[] latent, NoiseSource noise) {
        checkStep(modelOutput, stepIndex, latent);
        int t = (int) timesteps[stepIndex];
        int prev = t - config.numTrainTimesteps() / timesteps.length;
        double abT = alphasCumprod[t];
        double abPrev = prev >= 0 ? alphasCumprod[prev] : finalAlphaCumprod;
        Prediction p = Prediction.of(config.predictionType(), Math.sqrt(abT), Math.sqrt(1 - abT));
        double x0Weight = Math.sqrt(abPrev);
        double epsWeight = Math.sqrt(1 - abPrev);
        boolean clip = config.clipSample();
        double range = config.clipSampleRange();
        float[] out = new float[latent.length];
        for (int i = 0; i < out.length; i++) {
            double x = latent[i];
            double m = modelOutput[i];
            double x0 = p.x0(x, m);
            if (clip) {
                x0 = clamp(x0, range);
            }
            out[i] = (float) (x0Weight * x0 + epsWeight * p.eps(x, m));
        }
        return out;
    }
}
