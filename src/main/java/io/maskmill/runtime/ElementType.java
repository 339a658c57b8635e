package io.maskmill.runtime;

import ai.onnxruntime.OnnxJavaType;

/** The tensor element types diffusion exports use at their inputs and outputs. */
public enum ElementType {
    FLOAT32(4), FLOAT16(2), INT32(4), INT64(8);

    private final int bytes;

    ElementType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT16;
    }

    /** The name used in maskmill-model.json. */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ElementType of(OnnxJavaType type, String where) {
        return switch (type) {
            case FLOAT -> FLOAT32;
            case FLOAT16 -> FLOAT16;
            case INT32 -> INT32;
            case INT64 -> INT64;
            default -> throw new IllegalArgumentException(where + " has element type " + type
                    + "; expected float32, float16, int32 or int64");
        };
    }

    OnnxJavaType onnxType() {
        return switch (this) {
            case FLOAT32 -> OnnxJavaType.FLOAT;
            case FLOAT16 -> OnnxJavaType.FLOAT16;
            case INT32 -> OnnxJavaType.INT32;
            case INT64 -> OnnxJavaType.INT64;
        };
    }
}
