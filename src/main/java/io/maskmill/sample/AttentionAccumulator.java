package io.maskmill.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.maskmill.imaging.FloatMap;
import io.maskmill.sample.prepare.ModelManifest.AttentionOutput;
import io.maskmill.sample.tokenizer.TokenSpan;

/**
 * Sums, over the sampling steps, each resolution's cross-attention at the class token columns
 * (their mean), per image; at the end each resolution's mean map is upsampled to the image size
 * once, the resolutions are averaged with their weights, and the result is divided by its maximum.
 */
final class AttentionAccumulator {
    private final int images;
    private final TokenSpan span;
    private final Map<String, AttentionOutput> outputs = new LinkedHashMap<>();
    private final Map<String, float[]> sums = new LinkedHashMap<>();
    private int steps;

    AttentionAccumulator(List<AttentionOutput> outputs, int images, TokenSpan span) {
        this.images = images;
        this.span = span;
        for (AttentionOutput o : outputs) {
            this.outputs.put(o.output(), o);
            sums.put(o.output(), new float[images * o.resolution() * o.resolution()]);
        }
    }

    /**
     * Adds one step's output {@code probs} [batch, side², tokens]; the images are batch items
     * {@code first .. first+images−1}.
     */
    void add(String output, float[] probs, long[] shape, int first) {
        AttentionOutput o = outputs.get(output);
        int pixels = o.resolution() * o.resolution();
        int tokens = (int) shape[2];
        if (shape[1] != pixels || shape[0] < first + images || span.end() > tokens) {
            throw new IllegalStateException(output + " has shape " + java.util.Arrays.toString(shape) + ", expected ["
                    + (first + images) + "+, " + pixels + ", >=" + span.end() + "]");
        }
        float[] sum = sums.get(output);
        float inv = 1f / span.length();
        for (int i = 0; i < images; i++) {
            int in = (first + i) * pixels * tokens;
            int out = i * pixels;
            for (int p = 0; p < pixels; p++) {
                int row = in + p * tokens;
                float s = 0;
                for (int t = span.start(); t < span.end(); t++) {
                    s += probs[row + t];
                }
                sum[out + p] += s * inv;
            }
        }
    }

    void stepDone() {
        steps++;
    }

    /** Mean over steps of resolution {@code output}'s map for image {@code image}, at its own size. */
    FloatMap mean(String output, int image) {
        AttentionOutput o = outputs.get(output);
        int pixels = o.resolution() * o.resolution();
        float[] v = new float[pixels];
        float[] sum = sums.get(output);
        for (int p = 0; p < pixels; p++) {
            v[p] = sum[image * pixels + p] / Math.max(steps, 1);
        }
        return new FloatMap(o.resolution(), o.resolution(), v);
    }

    /** The final map of {@code image}: weighted mean of the upsampled resolutions, divided by its max. */
    FloatMap finish(int image, int size, Map<Integer, Double> weights) {
        float[] acc = new float[size * size];
        double total = 0;
        for (AttentionOutput o : outputs.values()) {
            double w = weights.getOrDefault(o.resolution(), 0.0);
            if (w <= 0) {
                continue;
            }
            float[] up = mean(o.output(), image).resizeBilinear(size, size).values();
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
        return outputs.values().stream().map(AttentionOutput::resolution).toList();
    }
}
