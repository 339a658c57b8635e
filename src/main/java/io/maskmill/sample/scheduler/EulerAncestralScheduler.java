package io.maskmill.sample.scheduler;

import io.maskmill.sample.noise.NoiseSource;

/**
 * Euler ancestral: an Euler step down to sigma_down, then fresh noise of sigma_up, where
 * {@code sigma_up = sqrt(sigma_next²·(sigma² − sigma_next²)/sigma²)} and
 * {@code sigma_down = sqrt(sigma_next² − sigma_up²)}, so the total noise is sigma_next again.
 */
public final class EulerAncestralScheduler extends EulerFamilyScheduler {
    public EulerAncestralScheduler(SchedulerConfig config) {
        super(SchedulerKind.EULER_ANCESTRAL, config);
    }

    @Override
    public float[] step(float[] modelOutput, int stepIndex, float[] latent, NoiseSource noise) {
        checkStep(modelOutput, stepIndex, latent);
        Prediction p = prediction(stepIndex);
        double sigma = sigmas[stepIndex];
        double next = sigmas[stepIndex + 1];
        double sigmaUp = Math.sqrt(next * next * (sigma * sigma - next * next) / (sigma * sigma));
        double sigmaDown = Math.sqrt(next * next - sigmaUp * sigmaUp);
        double dt = sigmaDown - sigma;
        float[] out = noise(noise, latent.length);
        for (int i = 0; i < out.length; i++) {
            double y = latent[i];
            double derivative = (y - p.x0(y, modelOutput[i])) / sigma;
            out[i] = (float) (y + derivative * dt + out[i] * sigmaUp);
        }
        return out;
    }
}
