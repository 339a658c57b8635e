package io.maskmill.runtime;

import java.nio.FloatBuffer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.TensorInfo;

/** Reading model outputs into float arrays, whatever float type the model produced. */
public final class Tensors {
    private Tensors() {
    }

    /** The tensor's values as floats (float16 converted); {@code where} names it in errors. */
    public static float[] floats(OnnxValue value, String where) {
        if (!(value instanceof OnnxTensor tensor)) {
            throw new IllegalStateException(where + " is not a tensor");
        }
        TensorInfo info = tensor.getInfo();
        ElementType type = ElementType.of(info.type, where);
        if (!type.isFloat()) {
            throw new IllegalStateException(where + " is " + type.jsonName() + ", expected float32 or float16");
        }
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    public static long[] shape(OnnxValue value) {
        return ((OnnxTensor) value).getInfo().getShape();
    }
}
