package io.maskmill.sample.scheduler;

import io.maskmill.sample.noise.NoiseSource;

/**
 * Euler's method on the probability-flow ODE (Karras et al. 2022, no churn):
 * {@code d = (y − x0)/sigma}, {@code y_next = y + d·(sigma_next − sigma)}.
 */
public final class EulerDiscreteScheduler extends EulerFamilyScheduler {
    public EulerDiscreteScheduler(SchedulerConfig config) {
        super(SchedulerKind.EULER, config);
    }

    @Override
    public float[] step(float[] modelOutput, int stepIndex, float[] latent, NoiseSource noise) {
        checkStep(modelOutput, stepIndex, latent);
        Prediction p = prediction(stepIndex);
        double sigma = sigmas[stepIndex];
        double dt = sigmas[stepIndex + 1] - sigma;
        float[] out = new float[latent.length];
        for (int i = 0; i < out.length; i++) {
            double y = latent[i];
            double derivative = (y - p.x0(y, modelOutput[i])) / sigma;
            out[i] = (float) (y + derivative * dt);
        }
        return out;
    }
}
