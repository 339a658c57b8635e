package io.maskmill.sample.scheduler;

import io.maskmill.sample.noise.NoiseSource;

/**
 * Latent Consistency Model sampler (Luo et al. 2023). Each step maps the latent to the model's
 * consistency estimate {@code denoised = c_out·x0 + c_skip·x} with boundary scalings at
 * {@code s = t·timestep_scaling}, sigma_data = 0.5: {@code c_skip = sd²/(s² + sd²)},
 * {@code c_out = s/sqrt(s² + sd²)}; then re-noises it to the next planned timestep
 * ({@code sqrt(ab_prev)·denoised + sqrt(1 − ab_prev)·z}), except at the last step, which returns
 * {@code denoised}. Guidance enters the UNet through {@link #timestepCond}, not through CFG.
 */
public final class LcmScheduler extends BaseScheduler {
    private static final double SIGMA_DATA = 0.5;
    public static final int DEFAULT_GUIDANCE_EMBEDDING_DIM = 256;

    public LcmScheduler(SchedulerConfig config) {
        super(SchedulerKind.LCM, config);
    }

    @Override
    double[] plan(int steps) {
        return TimestepPlans.lcm(steps, config.numTrainTimesteps(), config.originalInferenceSteps());
    }

    @Override
    public float[] step(float[] modelOutput, int stepIndex, float[] latent, NoiseSource noise) {
        checkStep(modelOutput, stepIndex, latent);
        double t = timesteps[stepIndex];
        boolean last = stepIndex == timesteps.length - 1;
        double abT = alphaBar(t);
        double abPrev = last ? finalAlphaCumprod : alphaBar(timesteps[stepIndex + 1]);
        double scaled = t * config.timestepScaling();
        double cSkip = SIGMA_DATA * SIGMA_DATA / (scaled * scaled + SIGMA_DATA * SIGMA_DATA);
        double cOut = scaled / Math.sqrt(scaled * scaled + SIGMA_DATA * SIGMA_DATA);
        Prediction p = Prediction.of(config.predictionType(), Math.sqrt(abT), Math.sqrt(1 - abT));
        boolean clip = config.clipSample();
        double range = config.clipSampleRange();
        double denoisedWeight = last ? 1 : Math.sqrt(abPrev);
        double noiseWeight = last ? 0 : Math.sqrt(1 - abPrev);
        float[] out = last ? new float[latent.length] : noise(noise, latent.length);
        for (int i = 0; i < out.length; i++) {
            double x = latent[i];
            double x0 = p.x0(x, modelOutput[i]);
            if (clip) {
                x0 = clamp(x0, range);
            }
            double denoised = cOut * x0 + cSkip * x;
            out[i] = (float) (denoisedWeight * denoised + noiseWeight * out[i]);
        }
        return out;
    }

    /**
     * The UNet's {@code timestep_cond} for LCM pipelines: {@link #guidanceScaleEmbedding} of
     * w = guidanceScale − 1 at the default 256 dimensions.
     */
    public static float[] timestepCond(double guidanceScale) {
        return guidanceScaleEmbedding(guidanceScale - 1, DEFAULT_GUIDANCE_EMBEDDING_DIM);
    }

    /**
     * Sinusoidal embedding of a guidance weight (diffusers' get_guidance_scale_embedding): with
     * half = dim/2 and f_k = exp(−k·ln(10000)/(half − 1)), entries k are sin(1000·w·f_k) and
     * entries half + k are cos(1000·w·f_k); an odd dim ends with a zero.
     */
    public static float[] guidanceScaleEmbedding(double w, int dim) {
        if (dim < 4) {
            throw new IllegalArgumentException("guidance embedding dimension must be >= 4, got " + dim);
        }
        int half = dim / 2;
        double logTimescale = Math.log(10000.0) / (half - 1);
        float[] out = new float[dim];
        for (int k = 0; k < half; k++) {
            double angle = w * 1000.0 * Math.exp(-k * logTimescale);
            out[k] = (float) Math.sin(angle);
            out[half + k] = (float) Math.cos(angle);
        }
        return out;
    }
}
