package io.maskmill.sample;

import java.util.List;
import java.util.Map;

import io.maskmill.imaging.FloatMap;
import io.maskmill.runtime.TensorBuffer;
import io.maskmill.sample.prepare.ModelManifest.AttentionOutput;
import io.maskmill.sample.tokenizer.TokenSpan;

/**
 * Sums, over the sampling steps, each resolution's cross-attention at each image's class token
 * columns (their mean), per image; at the end each resolution's mean map is upsampled to the image size
 * once, the resolutions are averaged with their weights, and the result is divided by its maximum.
 */
final class AttentionAccumulator {
    private final int images;
    /** Per image: its class tokens (images of one batch may have different prompts). */
    private final TokenSpan[] spans;
    private final int tokens;
    private final List<AttentionOutput> outputs;
    /** Per output, in the manifest's order: the sums [images, side²]. */
    private final float[][] sums;
    private int steps;

    /** {@code tokens}: the text length, the attention outputs' last dimension. */
    AttentionAccumulator(List<AttentionOutput> outputs, int images, TokenSpan[] spans, int tokens) {
        for (TokenSpan span : spans) {
            if (span.end() > tokens) {
                throw new IllegalArgumentException("class tokens " + span.start() + ":" + span.end() + " lie past the "
                        + tokens + " text tokens the attention covers");
            }
        }
        this.images = images;
        this.spans = spans.clone();
        this.tokens = tokens;
        this.outputs = List.copyOf(outputs);
        this.sums = new float[outputs.size()][];
        for (int a = 0; a < sums.length; a++) {
            int side = outputs.get(a).resolution();
            sums[a] = new float[images * side * side];
        }
    }

    /**
     * Adds one step's output {@code a} (the manifest's a-th), {@code probs} [batch, side², tokens]
     * read in place; the images are batch items {@code first .. first+images−1}.
     */
    void add(int a, TensorBuffer probs, int first) {
        float[] sum = sums[a];
        int pixels = sum.length / images;
        for (int i = 0; i < images; i++) {
            TokenSpan span = spans[i];
            float inv = 1f / span.length();
            int in = (first + i) * pixels * tokens;
            int out = i * pixels;
            for (int p = 0; p < pixels; p++) {
                int row = in + p * tokens;
                float s = 0;
                for (int t = span.start(); t < span.end(); t++) {
                    s += probs.get(row + t);
                }
                sum[out + p] += s * inv;
            }
        }
    }

    void stepDone() {
        steps++;
    }

    /** Mean over steps of output {@code a}'s map for image {@code image}, at its own size. */
    FloatMap mean(int a, int image) {
        AttentionOutput o = outputs.get(a);
        int pixels = o.resolution() * o.resolution();
        float[] v = new float[pixels];
        float[] sum = sums[a];
        for (int p = 0; p < pixels; p++) {
            v[p] = sum[image * pixels + p] / Math.max(steps, 1);
        }
        return new FloatMap(o.resolution(), o.resolution(), v);
    }

    /** The final map of {@code image}: weighted mean of the upsampled resolutions, divided by its max. */
    FloatMap finish(int image, int size, Map<Integer, Double> weights) {
        float[] acc = new float[size * size];
        double total = 0;
        for (int a = 0; a < outputs.size(); a++) {
            double w = weights.getOrDefault(outputs.get(a).resolution(), 0.0);
            if (w <= 0) {
                continue;
            }
            float[] up = mean(a, image).resizeBilinear(size, size).values();
            for (int i = 0; i < acc.length; i++) {
                acc[i] += (float) (w * up[i]);
            }
            total += w;
        }
        if (total == 0) {
            throw new IllegalArgumentException("no attention resolution of the model " + resolutions()
                    + " has a positive weight in " + weights);
        }
        float max = 0;
        for (float v : acc) {
            max = Math.max(max, v);
        }
        if (max > 0) {
            for (int i = 0; i < acc.length; i++) {
                acc[i] /= max;
            }
        }
        return new FloatMap(size, size, acc);
    }

    List<Integer> resolutions() {
        return outputs.stream().map(AttentionOutput::resolution).toList();
    }
}
