package io.maskmill.sample.scheduler;

import io.maskmill.sample.noise.NoiseSource;

/** What every scheduler shares: the training schedule, the plan, argument checks. */
abstract class BaseScheduler implements Scheduler {
    private final SchedulerKind kind;
    final SchedulerConfig config;
    /** alpha_bar for each training timestep. */
    final double[] alphasCumprod;
    /** alpha_bar used past the last step: 1, or alpha_bar at timestep 0. */
    final double finalAlphaCumprod;
    double[] timesteps;

    BaseScheduler(SchedulerKind kind, SchedulerConfig config) {
        this.kind = kind;
        this.config = config;
        this.alphasCumprod = config.alphasCumprod();
        this.finalAlphaCumprod = config.setAlphaToOne() ? 1.0 : alphasCumprod[0];
    }

    /** The plan for {@code steps} steps, highest timestep first. */
    abstract double[] plan(int steps);

    /** Hook to derive per-step tables once the plan is set. */
    void planned() {
    }

    @Override
    public final SchedulerKind kind() {
        return kind;
    }

    @Override
    public final SchedulerConfig config() {
        return config;
    }

    @Override
    public final void setTimesteps(int steps) {
        int trainSteps = config.numTrainTimesteps();
        if (steps < 1 || steps > trainSteps) {
            throw new IllegalArgumentException(kind + ": steps must be 1.." + trainSteps + ", got " + steps);
        }
        double[] plan = plan(steps);
        for (double t : plan) {
            if (!(t >= 0 && t <= trainSteps - 1)) {
                throw new SchedulerConfigException(kind + ": planned timestep " + t + " outside 0.." + (trainSteps - 1)
                        + " (steps_offset=" + config.stepsOffset() + ", spacing " + config.timestepSpacing() + ")");
            }
        }
        timesteps = plan;
        planned();
    }

    @Override
    public final int steps() {
        requirePlanned();
        return timesteps.length;
    }

    @Override
    public final double[] timesteps() {
        requirePlanned();
        return timesteps.clone();
    }

    @Override
    public double initNoiseSigma() {
        return 1.0;
    }

    @Override
    public float[] scaleModelInput(float[] latent, int stepIndex) {
        checkIndex(stepIndex);
        if (latent == null) {
            throw new IllegalArgumentException(kind + ": latent is null");
        }
        return latent;
    }

    final void requirePlanned() {
        if (timesteps == null) {
            throw new IllegalStateException(kind + ": call setTimesteps before sampling");
        }
    }

    final void checkIndex(int stepIndex) {
        requirePlanned();
        if (stepIndex < 0 || stepIndex >= timesteps.length) {
            throw new IndexOutOfBoundsException(kind + ": step index " + stepIndex + " outside 0.." + (timesteps.length - 1));
        }
    }

    final void checkStep(float[] modelOutput, int stepIndex, float[] latent) {
        checkIndex(stepIndex);
        if (modelOutput == null || latent == null) {
            throw new IllegalArgumentException(kind + ": model output and latent must not be null");
        }
        if (modelOutput.length != latent.length) {
            throw new IllegalArgumentException(kind + ": model output has " + modelOutput.length
                    + " values, latent has " + latent.length);
        }
    }

    final float[] noise(NoiseSource noise, int n) {
        if (noise == null) {
            throw new IllegalArgumentException(kind + " is stochastic: pass a NoiseSource to step()");
        }
        return noise.next(n);
    }

    /** alpha_bar at an integral planned timestep. */
    final double alphaBar(double timestep) {
        return alphasCumprod[(int) timestep];
    }

    static double clamp(double value, double range) {
        return Math.max(-range, Math.min(range, value));
    }
}
