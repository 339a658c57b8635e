package io.maskmill.sample;

import java.util.Map;

import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.RgbImage;
import io.maskmill.sample.tokenizer.TokenSpan;

/**
 * One sampled image and what came with it.
 *
 * @param attention       the class's cross-attention map at image size, max 1
 * @param selfAttention   self-attention [side², side²] (query-major) or null
 * @param selfSide        its side (0 when absent)
 * @param logits          joint mode: [C+1][H][W] annotation logits in the model's class order, or null
 * @param timingsMs       per-phase milliseconds of the batch this image was in
 * @param latent          the final latent [C, h, w] (before ÷ scalingFactor)
 * @param decoded         the VAE decoder's output [3, H, W], about [-1, 1], not clamped
 */
public record GeneratedSample(long seed, RgbImage image, FloatMap attention, float[] selfAttention, int selfSide,
        float[] logits, TokenSpan span, Map<String, Double> timingsMs, float[] latent, float[] decoded) {
}
