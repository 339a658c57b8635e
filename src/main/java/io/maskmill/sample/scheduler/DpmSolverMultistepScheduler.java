package io.maskmill.sample.scheduler;

import io.maskmill.sample.noise.NoiseSource;

/**
 * DPM-Solver++(2M) (Lu et al. 2022): multistep, second order, data prediction, midpoint form, on
 * the variance-preserving latent x = alpha·x0 + sigma_vp·eps with alpha = 1/sqrt(sigma² + 1),
 * sigma_vp = sigma·alpha and log-SNR lambda = ln(alpha/sigma_vp). With h = lambda_t − lambda_s:
 * <pre>
 * first order:  x_t = (sigma_t/sigma_s)·x − alpha_t·(e^−h − 1)·D0
 * second order: x_t = (sigma_t/sigma_s)·x − alpha_t·(e^−h − 1)·(D0 + D1/2),  D1 = (D0 − D_prev)·h/h_prev
 * </pre>
 * D0 is this step's predicted x0. The first step, and the last under lower_order_final /
 * final sigma 0, are first order, as in diffusers.
 */
public final class DpmSolverMultistepScheduler extends BaseScheduler {
    /** Step sigmas plus the final one (0 or sigma_min). */
    private double[] sigmas;
    /** The previous step's predicted x0, for the second-order correction. */
    private double[] previousX0;
    private int nextStep;

    public DpmSolverMultistepScheduler(SchedulerConfig config) {
        super(SchedulerKind.DPM_SOLVER_PP_2M, config);
    }

    @Override
    double[] plan(int steps) {
        return TimestepPlans.dpmSolver(config.timestepSpacing(), steps, config.numTrainTimesteps(), config.stepsOffset());
    }

    @Override
    void planned() {
        sigmas = new double[timesteps.length + 1];
        for (int i = 0; i < timesteps.length; i++) {
            sigmas[i] = Sigmas.interpolate(alphasCumprod, timesteps[i]);
        }
        sigmas[timesteps.length] = config.finalSigmaZero() ? 0 : Sigmas.ofAlphaBar(alphasCumprod[0]);
        nextStep = 0;
    }

    /** The step sigmas with the final one; a copy. */
    public double[] sigmas() {
        requirePlanned();
        return sigmas.clone();
    }

    @Override
    public float[] step(float[] modelOutput, int stepIndex, float[] latent, NoiseSource noise) {
        checkStep(modelOutput, stepIndex, latent);
        if (stepIndex != 0 && stepIndex != nextStep) {
            throw new IllegalStateException(kind() + " is multistep: expected step " + nextStep + " (or 0 to restart), got "
                    + stepIndex);
        }
        int steps = timesteps.length;
        boolean lastStep = stepIndex == steps - 1;
        boolean firstOrder = stepIndex == 0 || (lastStep
                && (config.eulerAtFinal() || (config.lowerOrderFinal() && steps < 15) || config.finalSigmaZero()));

        double sigmaS = sigmas[stepIndex];
        double sigmaT = sigmas[stepIndex + 1];
        double alphaS = Sigmas.alpha(sigmaS);
        double alphaT = Sigmas.alpha(sigmaT);
        double h = logSnr(sigmaT) - logSnr(sigmaS);
        double keep = (sigmaT * alphaT) / (sigmaS * alphaS);
        double x0Weight = -alphaT * Math.expm1(-h);
        // D0 + D1/2 = D0 + (D0 − D_prev)·r, r = h/(2·h_prev)
        double correction = firstOrder ? 0 : h / (2 * (logSnr(sigmaS) - logSnr(sigmas[stepIndex - 1])));

        Prediction p = Prediction.of(config.predictionType(), alphaS, sigmaS * alphaS);
        if (stepIndex == 0) {
            previousX0 = new double[latent.length];
        } else if (previousX0.length != latent.length) {
            throw new IllegalArgumentException(kind() + ": latent size changed mid-sample from " + previousX0.length
                    + " to " + latent.length);
        }
        double[] x0 = previousX0;
        float[] out = new float[latent.length];
        for (int i = 0; i < out.length; i++) {
            double x = latent[i];
            double d0 = p.x0(x, modelOutput[i]);
            double d = firstOrder ? d0 : d0 + (d0 - x0[i]) * correction;
            out[i] = (float) (keep * x + x0Weight * d);
            x0[i] = d0;
        }
        nextStep = stepIndex + 1;
        return out;
    }

    /** lambda = ln(alpha) − ln(sigma_vp) = −ln(sigma); +inf at sigma 0. */
    private static double logSnr(double sigma) {
        return -Math.log(sigma);
    }
}
