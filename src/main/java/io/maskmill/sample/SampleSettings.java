package io.maskmill.sample;

import java.util.Map;
import java.util.TreeMap;

import io.maskmill.sample.scheduler.SchedulerKind;

/**
 * How one image is sampled.
 *
 * @param steps             inference steps
 * @param guidance          classifier-free guidance scale (≤ 1: no CFG batch unless the model's
 *                          attention outputs need one; LCM: the guidance embedding's scale)
 * @param scheduler         the sampler, or null for the model's own scheduler class (when implemented)
 * @param resolutionWeights attention side → weight in the final map (sides not listed weigh 0)
 * @param selfAttention     also write the self-attention artifact when the model has one
 * @param initialLatent     start from this latent [C, h, w] (before × initNoiseSigma, as diffusers' {@code latents=})
 *                          instead of the seed's noise; null: the seed's
 * @param schedulerOptions  scheduler config keys overriding the model's scheduler_config.json (diffusers'
 *                          {@code from_config(config, **kwargs)}), e.g. {@code clip_sample=false}
 */
public record SampleSettings(int steps, double guidance, SchedulerKind scheduler, Map<Integer, Double> resolutionWeights,
        boolean selfAttention, float[] initialLatent, Map<String, Object> schedulerOptions) {

    public SampleSettings(int steps, double guidance, SchedulerKind scheduler, Map<Integer, Double> resolutionWeights,
            boolean selfAttention) {
        this(steps, guidance, scheduler, resolutionWeights, selfAttention, null, Map.of());
    }

    public SampleSettings withInitialLatent(float[] latent) {
        return new SampleSettings(steps, guidance, scheduler, resolutionWeights, selfAttention, latent, schedulerOptions);
    }

    public SampleSettings withSchedulerOptions(Map<String, Object> options) {
        return new SampleSettings(steps, guidance, scheduler, resolutionWeights, selfAttention, initialLatent, options);
    }

    /** DiffuMask's resolutions 16/32/64 at full weight, 8² (large objects) at half. */
    public static final Map<Integer, Double> DEFAULT_WEIGHTS = Map.of(8, 0.5, 16, 1.0, 32, 1.0, 64, 1.0);

    public SampleSettings {
        if (steps < 1 || steps > 1000) {
            throw new IllegalArgumentException("steps must be 1..1000, got " + steps);
        }
        if (!(guidance >= 0 && guidance <= 50)) {
            throw new IllegalArgumentException("guidance must be 0..50, got " + guidance);
        }
        resolutionWeights = Map.copyOf(new TreeMap<>(resolutionWeights));
        schedulerOptions = schedulerOptions == null ? Map.of() : Map.copyOf(schedulerOptions);
        resolutionWeights.forEach((side, w) -> {
            if (!(w >= 0)) {
                throw new IllegalArgumentException("resolution weight of " + side + " must be >= 0, got " + w);
            }
        });
    }

    /** Parses {@code "8=0.5,16=1,32=1,64=1"}. */
    public static Map<Integer, Double> parseWeights(String text) {
        Map<Integer, Double> weights = new TreeMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            try {
                if (kv.length != 2) {
                    throw new NumberFormatException("expected side=weight");
                }
                weights.put(Integer.parseInt(kv[0].trim()), Double.parseDouble(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("resolution weights '" + text + "': bad entry '" + part
                        + "' (expected side=weight, e.g. 16=1,32=1,64=1)");
            }
        }
        return weights;
    }
}
