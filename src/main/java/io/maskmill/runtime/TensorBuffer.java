package io.maskmill.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.platform.Fp16Conversions;

/**
 * A reusable direct buffer for one model input or output, in the element type the model declares.
 * Values are written from float/int arrays and read back as floats (converted element by element, no
 * boxing); {@link #tensor} wraps the buffer without a copy, so a tensor created once can be rewritten
 * (an input) or read (a pinned output) in place on every run. The buffer grows when a larger batch
 * comes along; a tensor made before that keeps the old buffer.
 */
public final class TensorBuffer {
    private final ElementType type;
    private ByteBuffer buffer;
    /** Float view of {@link #buffer} for FLOAT32, so bulk reads and writes are memory copies. */
    private FloatBuffer floats;

    public TensorBuffer(ElementType type) {
        this.type = type;
        this.buffer = ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder());
        this.floats = buffer.asFloatBuffer();
    }

    public ElementType type() {
        return type;
    }

    /** Sizes the buffer for {@code count} elements (content undefined until written); for outputs and in-place writes. */
    public TensorBuffer allocate(int count) {
        int bytes = Math.multiplyExact(count, type.bytes());
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        buffer.clear().limit(bytes);
        floats = buffer.asFloatBuffer();
        return this;
    }

    /** Number of elements the buffer holds now. */
    public int size() {
        return buffer.limit() / type.bytes();
    }

    /** Resizes to {@code to − from} elements and writes {@code values[from, to)} (integer types are rounded). */
    public TensorBuffer put(float[] values, int from, int to) {
        allocate(to - from);
        return write(0, values, from, to - from);
    }

    public TensorBuffer put(float[] values) {
        return put(values, 0, values.length);
    }

    /** Writes {@code values[from, from+count)} at element {@code at}, converted to this buffer's type; the size stays. */
    public TensorBuffer write(int at, float[] values, int from, int count) {
        checkRange(at, count);
        switch (type) {
            case FLOAT32 -> floats.put(at, values, from, count);
            case FLOAT16 -> {
                for (int i = 0; i < count; i++) {
                    buffer.putShort((at + i) * 2, Fp16Conversions.floatToFp16(values[from + i]));
                }
            }
            case INT32 -> {
                for (int i = 0; i < count; i++) {
                    buffer.putInt((at + i) * 4, Math.round(values[from + i]));
                }
            }
            case INT64 -> {
                for (int i = 0; i < count; i++) {
                    buffer.putLong((at + i) * 8, Math.round((double) values[from + i]));
                }
            }
        }
        return this;
    }

    /** Sets every element to {@code value} (rounded for integer types). */
    public TensorBuffer fill(float value) {
        int n = size();
        for (int i = 0; i < n; i++) {
            switch (type) {
                case FLOAT32 -> floats.put(i, value);
                case FLOAT16 -> buffer.putShort(i * 2, Fp16Conversions.floatToFp16(value));
                case INT32 -> buffer.putInt(i * 4, Math.round(value));
                case INT64 -> buffer.putLong(i * 8, Math.round((double) value));
            }
        }
        return this;
    }

    /** Writes integer values (token ids); float types get them as floats. */
    public TensorBuffer put(int[] values) {
        ByteBuffer b = allocate(values.length).buffer;
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

    /** Element {@code index} as a float (float16 widened exactly as ONNX Runtime's own reads do). */
    public float get(int index) {
        return switch (type) {
            case FLOAT32 -> floats.get(index);
            case FLOAT16 -> Fp16Conversions.fp16ToFloat(buffer.getShort(index * 2));
            case INT32 -> buffer.getInt(index * 4);
            case INT64 -> buffer.getLong(index * 8);
        };
    }

    /** Reads elements {@code [at, at+count)} into {@code out[from, from+count)}. */
    public void read(int at, float[] out, int from, int count) {
        checkRange(at, count);
        if (type == ElementType.FLOAT32) {
            floats.get(at, out, from, count);
            return;
        }
        for (int i = 0; i < count; i++) {
            out[from + i] = get(at + i);
        }
    }

    private void checkRange(int at, int count) {
        if (at < 0 || count < 0 || at + count > size()) {
            throw new IndexOutOfBoundsException("elements [" + at + ", " + (at + count) + ") outside a buffer of " + size());
        }
    }

    /** A tensor over the buffer's current content (no copy); close it after the run. */
    public OnnxTensor tensor(OrtEnvironment env, long... shape) throws OrtException {
        return OnnxTensor.createTensor(env, buffer, shape, type.onnxType());
    }
}
