package io.maskmill.sample.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskmill.sample.noise.GaussianNoise;
import io.maskmill.sample.noise.NoiseSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Each scheduler driven by a perfect denoiser: an oracle that knows x0 and answers, for the model
 * input it is given at timestep t, the exact epsilon / v / x0 under the forward process
 * {@code input = sqrt(ab_t)·x0 + sqrt(1 − ab_t)·eps}. The oracle's noise levels are computed here
 * from the published schedule, independently of the scheduler code.
 */
class SchedulerConvergenceTest {
    private static final int N = 4 * 32 * 32;
    private static final float[] X0 = scaled(GaussianNoise.gaussian(11, N), 0.8f);
    private static final float[] EPS = GaussianNoise.gaussian(12, N);
    /** sigma_t of Stable Diffusion's scaled-linear schedule, built from its definition. */
    private static final double[] TRAIN_SIGMAS = trainSigmas();

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        int[] steps = {50, 20, 20, 20, 4};
        for (SchedulerKind kind : SchedulerKind.values()) {
            for (PredictionType type : PredictionType.values()) {
                cases.add(Arguments.of(kind, type, steps[kind.ordinal()], false));
            }
        }
        cases.add(Arguments.of(SchedulerKind.DPM_SOLVER_PP_2M, PredictionType.EPSILON, 25, false)); // >= 15 steps
        cases.add(Arguments.of(SchedulerKind.DDIM, PredictionType.EPSILON, 50, true)); // DDIM's own default
        return cases;
    }

    @ParameterizedTest(name = "{0} {1} {2} steps, set_alpha_to_one={3}")
    @MethodSource("cases")
    void perfectDenoiserEndsAtX0AndStaysOnTheForwardTrajectory(SchedulerKind kind, PredictionType type, int steps,
                                                               boolean alphaToOne) {
        SchedulerConfig config = alphaToOne
                ? SchedulerConfig.parse(SchedulerConfig.STABLE_DIFFUSION_JSON.replace(
                        "\"set_alpha_to_one\": false", "\"set_alpha_to_one\": true"), kind, "test")
                : SchedulerConfig.stableDiffusion(kind);
        config = config.withPredictionType(type);
        Scheduler s = Schedulers.create(kind, config);
        s.setTimesteps(steps);
        double[] t = s.timesteps();
        boolean sigmaSpace = kind == SchedulerKind.EULER || kind == SchedulerKind.EULER_ANCESTRAL;
        boolean deterministic = kind == SchedulerKind.DDIM || kind == SchedulerKind.EULER
                || kind == SchedulerKind.DPM_SOLVER_PP_2M;
        NoiseSource noise = new GaussianNoise(13);

        float[] latent = onTrajectory(sigma(t[0]), sigmaSpace);
        for (int i = 0; i < steps; i++) {
            float[] modelOutput = oracle(type, s.scaleModelInput(latent, i), sigma(t[i]));
            latent = s.step(modelOutput, i, latent, noise);
            double next = i + 1 < steps ? sigma(t[i + 1]) : finalSigma(kind, config);
            if (deterministic) {
                assertArrayEquals(onTrajectory(next, sigmaSpace), latent, 2e-4f, kind + " after step " + i);
            } else if (i + 1 < steps) {
                // Fresh noise replaced part of EPS; the total noise must still have the next level's std.
                double std = noiseStd(latent, next, sigmaSpace);
                assertEquals(1.0, std, 0.05, kind + " noise std after step " + i);
            }
        }
        if (finalSigma(kind, config) == 0) {
            assertArrayEquals(X0, latent, 2e-4f, kind + " final latent");
        }
    }

    /**
     * Gaussian data x0 ~ N(mu, s²) per element has the exact denoiser
     * E[x0 | y] = mu + s²/(s² + sigma²)·(y − mu) and the probability-flow ODE the closed-form
     * solution y(sigma) = mu + (y(sigma0) − mu)·sqrt(s² + sigma²)/sqrt(s² + sigma0²). The
     * denoiser changes along the path, so this measures the solvers' accuracy. Checked before the
     * last step (whose jump to sigma 0 is first order for every solver): first-order Euler/DDIM
     * lag by about a tenth, DPM-Solver++(2M)'s second-order correction cuts the error ~30-fold.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("odeCases")
    void gaussianDataOdeIsSolvedToTheSolversOrder(SchedulerKind kind, double maxError) {
        double mu = 0.3;
        double s2 = 0.25;
        Scheduler scheduler = Schedulers.create(kind, SchedulerConfig.stableDiffusion(kind));
        scheduler.setTimesteps(20);
        double[] t = scheduler.timesteps();
        boolean sigmaSpace = kind == SchedulerKind.EULER;
        double sigma0 = sigma(t[0]);
        float[] latent = onTrajectory(sigma0, sigmaSpace);
        float[] start = latent.clone();
        for (int i = 0; i < t.length - 1; i++) {
            double sigma = sigma(t[i]);
            double alpha = 1 / Math.sqrt(1 + sigma * sigma);
            float[] input = scheduler.scaleModelInput(latent, i);
            float[] eps = new float[N];
            for (int e = 0; e < N; e++) {
                double y = input[e] / alpha;
                double x0 = mu + s2 / (s2 + sigma * sigma) * (y - mu);
                eps[e] = (float) ((y - x0) / sigma);
            }
            latent = scheduler.step(eps, i, latent, null);
        }
        double end = sigma(t[t.length - 1]);
        double shrink = Math.sqrt(s2 + end * end) / Math.sqrt(s2 + sigma0 * sigma0);
        double alphaStart = sigmaSpace ? 1 : 1 / Math.sqrt(1 + sigma0 * sigma0);
        double alphaEnd = sigmaSpace ? 1 : 1 / Math.sqrt(1 + end * end);
        double worst = 0;
        for (int e = 0; e < N; e++) {
            double exact = mu + (start[e] / alphaStart - mu) * shrink;
            worst = Math.max(worst, Math.abs(latent[e] / alphaEnd - exact));
        }
        System.out.printf("ODE check %s: max |error| before the last step %.4f (bound %.3f)%n", kind, worst, maxError);
        assertTrue(worst < maxError, kind + " max |error| " + worst + " >= " + maxError);
    }

    static List<Arguments> odeCases() {
        return List.of(Arguments.of(SchedulerKind.EULER, 0.3), Arguments.of(SchedulerKind.DDIM, 0.3),
                Arguments.of(SchedulerKind.DPM_SOLVER_PP_2M, 0.015));
    }

    @Test
    void multistepStateDemandsOrderAndRestartsAtZero() {
        Scheduler dpm = Schedulers.create(SchedulerKind.DPM_SOLVER_PP_2M, SchedulerConfig.stableDiffusion(SchedulerKind.DPM_SOLVER_PP_2M));
        dpm.setTimesteps(10);
        float[] latent = GaussianNoise.gaussian(1, 64);
        float[] out = GaussianNoise.gaussian(2, 64);
        float[] first = dpm.step(out, 0, latent, null);
        float[] second = dpm.step(out, 1, first, null);
        assertThrows(IllegalStateException.class, () -> dpm.step(out, 3, second, null));
        assertArrayEquals(first, dpm.step(out, 0, latent, null), "restart at step 0 forgets the previous sample");
        assertArrayEquals(second, dpm.step(out, 1, first, null));
    }

    @Test
    void badArgumentsAreRejected() {
        Scheduler euler = Schedulers.create(SchedulerKind.EULER_ANCESTRAL, SchedulerConfig.stableDiffusion(SchedulerKind.EULER_ANCESTRAL));
        float[] latent = new float[8];
        assertThrows(IllegalStateException.class, () -> euler.step(latent, 0, latent, null));
        euler.setTimesteps(5);
        assertThrows(IllegalArgumentException.class, () -> euler.step(latent, 0, latent, null), "needs noise");
        assertThrows(IllegalArgumentException.class, () -> euler.step(new float[7], 0, latent, new GaussianNoise(1)));
        assertThrows(IndexOutOfBoundsException.class, () -> euler.step(latent, 5, latent, new GaussianNoise(1)));
        assertThrows(IllegalArgumentException.class, () -> euler.setTimesteps(0));
    }

    /** sigma at a fractional training timestep, linear interpolation between integers (the UNet's convention). */
    private static double sigma(double timestep) {
        int below = (int) Math.floor(timestep);
        double f = timestep - below;
        return f == 0 ? TRAIN_SIGMAS[below] : TRAIN_SIGMAS[below] * (1 - f) + TRAIN_SIGMAS[below + 1] * f;
    }

    private static double finalSigma(SchedulerKind kind, SchedulerConfig config) {
        if (kind == SchedulerKind.DDIM && !config.setAlphaToOne()) {
            return TRAIN_SIGMAS[0];
        }
        return 0;
    }

    /** The exact model output for a model input at noise level sigma. */
    private static float[] oracle(PredictionType type, float[] input, double sigma) {
        double alpha = 1 / Math.sqrt(1 + sigma * sigma);
        double noise = sigma * alpha;
        float[] out = new float[input.length];
        for (int i = 0; i < out.length; i++) {
            double eps = (input[i] - alpha * X0[i]) / noise;
            out[i] = (float) switch (type) {
                case EPSILON -> eps;
                case V_PREDICTION -> alpha * eps - noise * X0[i];
                case SAMPLE -> X0[i];
            };
        }
        return out;
    }

    /** x0 + sigma·EPS (Euler's unscaled latent) or alpha·x0 + sigma·alpha·EPS (variance preserving). */
    private static float[] onTrajectory(double sigma, boolean sigmaSpace) {
        double alpha = sigmaSpace ? 1 : 1 / Math.sqrt(1 + sigma * sigma);
        float[] out = new float[N];
        for (int i = 0; i < N; i++) {
            out[i] = (float) (alpha * X0[i] + sigma * alpha * EPS[i]);
        }
        return out;
    }

    private static double noiseStd(float[] latent, double sigma, boolean sigmaSpace) {
        double alpha = sigmaSpace ? 1 : 1 / Math.sqrt(1 + sigma * sigma);
        double sumSq = 0;
        for (int i = 0; i < N; i++) {
            double z = (latent[i] - alpha * X0[i]) / (sigma * alpha);
            sumSq += z * z;
        }
        return Math.sqrt(sumSq / N);
    }

    private static double[] trainSigmas() {
        double[] sigmas = new double[1000];
        double alphaBar = 1;
        for (int i = 0; i < 1000; i++) {
            double root = Math.sqrt(0.00085) + (Math.sqrt(0.012) - Math.sqrt(0.00085)) * i / 999.0;
            alphaBar *= 1 - root * root;
            sigmas[i] = Math.sqrt((1 - alphaBar) / alphaBar);
        }
        return sigmas;
    }

    private static float[] scaled(float[] values, float factor) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
        return values;
    }
}
