package io.maskmill.sample.scheduler;

import io.maskmill.sample.noise.NoiseSource;

/**
 * A diffusion sampler's timestep plan and update rule, for latents held as flat float arrays.
 *
 * <p>Loop: {@code latent = noise * initNoiseSigma()}; for each step i: run the UNet on
 * {@code scaleModelInput(latent, i)} at {@code timesteps()[i]}, apply guidance, then
 * {@code latent = step(output, i, latent, noise)}. Steps must run in order 0..steps-1; starting
 * again at 0 begins a new sample. Instances keep per-sample state: one per sampling loop.
 */
public interface Scheduler {
    SchedulerKind kind();

    SchedulerConfig config();

    /** Plans {@code steps} inference steps (1..num_train_timesteps, LCM: up to its original steps). */
    void setTimesteps(int steps);

    /** Number of planned steps. */
    int steps();

    /** The UNet timestep of each step (integral except Euler-family linspace plans); a copy. */
    double[] timesteps();

    /** Standard deviation of the initial latent noise. */
    double initNoiseSigma();

    /** The UNet's input for this step; returns {@code latent} itself when the scheduler needs no scaling. */
    float[] scaleModelInput(float[] latent, int stepIndex);

    /**
     * The latent after step {@code stepIndex}, given the (guided) model output. {@code noise} is used
     * only by stochastic schedulers (Euler ancestral, LCM) and may be null for the others.
     */
    float[] step(float[] modelOutput, int stepIndex, float[] latent, NoiseSource noise);
}
