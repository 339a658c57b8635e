package io.maskmill.optimize;

import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;
import io.maskmill.runtime.ElementType;
import io.maskmill.runtime.ModelFileException;
import io.maskmill.runtime.ModelSession;
import io.maskmill.runtime.TensorBuffer;
import io.maskmill.runtime.TensorSpec;
import io.maskmill.runtime.Tensors;

/**
 * A learned refiner: any ONNX saliency or affinity model with this contract (optimize.md):
 * {@code image} float32 [1,3,H,W] (RGB in [0, 1]) and {@code attention} float32 [1,1,H,W] (the class's
 * cross-attention, min-max normalised) in, {@code saliency} float32 [1,1,H,W] out — a foreground
 * probability, or a logit when the model's metadata says {@code output = logits}. A model with a
 * fixed H×W gets its inputs resized to it; a dynamic one runs at the image size rounded down to a
 * multiple of 32. The score comes back bilinearly at the image size; the reference is score ≥ 0.5.
 */
public final class OnnxRefiner implements Refiner {
    public static final String NAME = "onnx";
    static final String IMAGE = "image";
    static final String ATTENTION = "attention";
    static final String OUTPUT = "saliency";
    static final String OUTPUT_KIND = "output";

    private final ModelSession model;
    private final int fixedWidth;
    private final int fixedHeight;
    private final boolean logits;

    public OnnxRefiner(ModelSession model) {
        this.model = model;
        TensorSpec image = model.input(IMAGE);
        TensorSpec attention = model.input(ATTENTION);
        TensorSpec saliency = model.output(OUTPUT);
        if (!fits(image, 3) || !fits(attention, 1) || !fits(saliency, 1)) {
            throw new ModelFileException(model.file(), "a refiner model needs float32 inputs '" + IMAGE + "' [1,3,H,W] and '"
                    + ATTENTION + "' [1,1,H,W] and output '" + OUTPUT + "' [1,1,H,W]; it has " + image + ", " + attention
                    + " → " + saliency);
        }
        this.fixedHeight = (int) image.dim(2);
        this.fixedWidth = (int) image.dim(3);
        String kind = model.metadata().getOrDefault(OUTPUT_KIND, "probability");
        if (!kind.equals("probability") && !kind.equals("logits")) {
            throw new ModelFileException(model.file(), "metadata '" + OUTPUT_KIND + "' is '" + kind
                    + "'; a refiner's output is 'probability' (the default) or 'logits'");
        }
        this.logits = kind.equals("logits");
    }

    /** float32, rank 4, batch 1 or symbolic, the given channel count or symbolic. */
    private static boolean fits(TensorSpec t, int channels) {
        return t.type() == ElementType.FLOAT32 && t.rank() == 4 && (t.dim(0) == 1 || t.dim(0) < 0)
                && (t.dim(1) == channels || t.dim(1) < 0);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Reference refine(RefinementInput input) {
        RgbImage image = input.image();
        int w = image.width(), h = image.height();
        int mw = fixedWidth > 0 ? fixedWidth : Math.max(32, w / 32 * 32);
        int mh = fixedHeight > 0 ? fixedHeight : Math.max(32, h / 32 * 32);
        float[] rgb = new float[3 * mw * mh];
        float[][] planes = image.planes();
        for (int c = 0; c < 3; c++) {
            System.arraycopy(resized(new FloatMap(w, h, planes[c]), mw, mh), 0, rgb, c * mw * mh, mw * mh);
        }
        float[] attention = resized(input.attention(), mw, mh);
        float[] score = run(rgb, attention, mw, mh);
        for (int i = 0; i < score.length; i++) {
            float s = score[i];
            if (!Float.isFinite(s)) {
                throw new ModelFileException(model.file(), "output '" + OUTPUT + "' has " + s + " at index " + i);
            }
            score[i] = logits ? (float) (1 / (1 + Math.exp(-s))) : Math.min(1f, Math.max(0f, s));
        }
        FloatMap full = mw == w && mh == h ? new FloatMap(w, h, score) : new FloatMap(mw, mh, score).resizeBilinear(w, h);
        float[] s = full.values();
        byte[] labels = new byte[s.length];
        for (int p = 0; p < s.length; p++) {
            labels[p] = s[p] >= 0.5f ? (byte) 1 : 0;
        }
        return new Reference(full, new LabelMask(w, h, labels));
    }

    private float[] run(float[] image, float[] attention, int mw, int mh) {
        OrtEnvironment env = io.maskmill.runtime.OrtEnvironments.shared();
        try (OnnxTensor i = new TensorBuffer(ElementType.FLOAT32).put(image).tensor(env, 1, 3, mh, mw);
                OnnxTensor a = new TensorBuffer(ElementType.FLOAT32).put(attention).tensor(env, 1, 1, mh, mw);
                OrtSession.Result result = model.run(Map.of(IMAGE, i, ATTENTION, a))) {
            float[] out = Tensors.floats(result.get(OUTPUT).orElseThrow(), model.file() + " output " + OUTPUT);
            if (out.length != mw * mh) {
                throw new ModelFileException(model.file(), "output '" + OUTPUT + "' has " + out.length
                        + " values; expected [1,1," + mh + "," + mw + "]");
            }
            return out;
        } catch (OrtException e) {
            throw new ModelFileException(model.file(), "could not build its input tensors: " + e.getMessage());
        }
    }

    private static float[] resized(FloatMap map, int mw, int mh) {
        return map.width() == mw && map.height() == mh ? map.values() : map.resizeBilinear(mw, mh).values();
    }
}
