package io.maskmill.harmonize;

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
 * A learned harmonization model (RainNet, PCT-Net, … exported to ONNX; contract in harmonize.md):
 * {@code composite} [1,3,H,W] and {@code mask} [1,1,H,W] in, {@code harmonized} [1,3,H,W] out. The
 * model runs at its own size; only its <em>change</em> is resized back and added on the object's
 * pixels through a feathered alpha, so full-resolution detail survives and the scene stays
 * bit-identical. Dynamic sizes run at the image's size rounded down to a multiple of 32.
 */
public final class OnnxHarmonizer implements Harmonizer {
    static final String COMPOSITE = "composite";
    static final String MASK = "mask";
    static final String OUTPUT = "harmonized";

    private final ModelSession model;
    private final int fixedWidth;
    private final int fixedHeight;
    private final boolean symmetricRange;
    private final double featherPx;

    public OnnxHarmonizer(ModelSession model, double featherPx) {
        this.model = model;
        this.featherPx = featherPx;
        TensorSpec composite = model.input(COMPOSITE);
        TensorSpec mask = model.input(MASK);
        model.output(OUTPUT);
        if (composite.rank() != 4 || mask.rank() != 4 || composite.type() != ElementType.FLOAT32
                || mask.type() != ElementType.FLOAT32) {
            throw new ModelFileException(model.file(), "harmonization model needs float32 [1,3,H,W] '" + COMPOSITE
                    + "' and [1,1,H,W] '" + MASK + "'; it has " + composite + " and " + mask);
        }
        this.fixedHeight = (int) composite.dim(2);
        this.fixedWidth = (int) composite.dim(3);
        this.symmetricRange = "-1,1".equals(model.metadata().get("input_range"));
    }

    @Override
    public String id() {
        return "onnx:" + model.file().getFileName();
    }

    @Override
    public HarmonizationResult harmonize(RgbImage composite, LabelMask foreground) {
        Foreground fg = Foreground.measure(composite, foreground);
        if (fg.nothingToHarmonize() != null) {
            return HarmonizationResult.passedThrough(composite, fg.nothingToHarmonize());
        }
        int w = composite.width(), h = composite.height();
        int mw = fixedWidth > 0 ? fixedWidth : Math.max(32, w / 32 * 32);
        int mh = fixedHeight > 0 ? fixedHeight : Math.max(32, h / 32 * 32);
        byte[] object = new byte[w * h];
        FloatMap objectMap = new FloatMap(w, h);
        for (int i = 0; i < object.length; i++) {
            if (LabelMask.isObject(foreground.labels()[i] & 0xFF)) {
                object[i] = 1;
                objectMap.values()[i] = 1f;
            }
        }
        float[][] planes = composite.planes();
        float[] input = new float[3 * mw * mh];
        for (int c = 0; c < 3; c++) {
            float[] small = new FloatMap(w, h, planes[c]).resizeBilinear(mw, mh).values();
            for (int i = 0; i < small.length; i++) {
                input[c * mw * mh + i] = symmetricRange ? small[i] * 2 - 1 : small[i];
            }
        }
        float[] mask = objectMap.resizeBilinear(mw, mh).values();
        for (int i = 0; i < mask.length; i++) {
            mask[i] = mask[i] >= 0.5f ? 1f : 0f;
        }
        float[] output = run(input, mask, mw, mh);
        float[] alpha = ChamferDistance.featheredAlpha(object, w, h, featherPx);
        RgbImage out = composite.copy();
        float[] pixels = out.pixels();
        float scale = symmetricRange ? 0.5f : 1f;
        for (int c = 0; c < 3; c++) {
            float[] change = new float[mw * mh];
            for (int i = 0; i < change.length; i++) {
                change[i] = (output[c * mw * mh + i] - input[c * mw * mh + i]) * scale;
            }
            float[] full = new FloatMap(mw, mh, change).resizeBilinear(w, h).values();
            for (int i = 0; i < full.length; i++) {
                if (object[i] != 0) {
                    pixels[3 * i + c] = Math.min(1f, Math.max(0f, pixels[3 * i + c] + alpha[i] * full[i]));
                }
            }
        }
        return HarmonizationResult.applied(out, id() + " at " + mw + "x" + mh + ", " + fg.objectPixels()
                + " object px");
    }

    private float[] run(float[] composite, float[] mask, int mw, int mh) {
        try (OnnxTensor c = new TensorBuffer(ElementType.FLOAT32).put(composite).tensor(io.maskmill.runtime.OrtEnvironments.shared(), 1, 3, mh, mw);
                OnnxTensor m = new TensorBuffer(ElementType.FLOAT32).put(mask).tensor(io.maskmill.runtime.OrtEnvironments.shared(), 1, 1, mh, mw);
                OrtSession.Result result = model.run(Map.of(COMPOSITE, c, MASK, m))) {
            float[] out = Tensors.floats(result.get(OUTPUT).orElseThrow(), model.file() + " output " + OUTPUT);
            if (out.length != composite.length) {
                throw new ModelFileException(model.file(), "output '" + OUTPUT + "' has " + out.length
                        + " values; expected [1,3," + mh + "," + mw + "]");
            }
            return out;
        } catch (OrtException e) {
            throw new ModelFileException(model.file(), "could not build its input tensors: " + e.getMessage());
        }
    }
}
