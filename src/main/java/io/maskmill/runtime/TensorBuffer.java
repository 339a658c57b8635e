package io.maskmill.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.platform.Fp16Conversions;

/**
 * A reusable direct buffer for one model input, in the element type the model declares. Values
 * are written from float/long arrays (converted once, no boxing) and wrapped as a tensor without a
 * copy; the buffer grows when a larger batch comes along.
 */
public final class TensorBuffer {
    private final ElementType type;
    private ByteBuffer buffer;

    public TensorBuffer(ElementType type) {
        this.type = type;
        this.buffer = ByteBuffer.allocateDirect(0);
    }

    public ElementType type() {
        return type;
    }

    private ByteBuffer reset(int count) {
        int bytes = Math.multiplyExact(count, type.bytes());
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        buffer.clear().limit(bytes);
        return buffer;
    }

    /** Writes {@code values[from, to)} converted to this buffer's element type (integers are rounded). */
    public TensorBuffer put(float[] values, int from, int to) {
        ByteBuffer b = reset(to - from);
        switch (type) {
            case FLOAT32 -> b.asFloatBuffer().put(values, from, to - from);
            case FLOAT16 -> {
                for (int i = from, o = 0; i < to; i++, o += 2) {
                    b.putShort(o, Fp16Conversions.floatToFp16(values[i]));
                }
            }
            case INT32 -> {
                for (int i = from, o = 0; i < to; i++, o += 4) {
                    b.putInt(o, Math.round(values[i]));
                }
            }
            case INT64 -> {
                for (int i = from, o = 0; i < to; i++, o += 8) {
                    b.putLong(o, Math.round((double) values[i]));
                }
            }
        }
        return this;
    }

    public TensorBuffer put(float[] values) {
        return put(values, 0, values.length);
    }

    /** Writes integer values (token ids); float types get them as floats. */
    public TensorBuffer put(int[] values) {
        ByteBuffer b = reset(values.length);
        for (int i = 0; i < values.length; i++) {
            switch (type) {
                case INT32 -> b.putInt(i * 4, values[i]);
                case INT64 -> b.putLong(i * 8, values[i]);
                case FLOAT32 -> b.putFloat(i * 4, values[i]);
                case FLOAT16 -> b.putShort(i * 2, Fp16Conversions.floatToFp16(values[i]));
            }
        }
        return this;
    }

    /** A tensor over the buffer's current content (no copy); close it after the run. */
    public OnnxTensor tensor(OrtEnvironment env, long... shape) throws OrtException {
        return OnnxTensor.createTensor(env, buffer, shape, type.onnxType());
    }
}
