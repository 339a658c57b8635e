package io.maskmill.runtime;

import java.util.Arrays;

/**
 * One input or output of a model as ONNX Runtime reports it; dimensions that are symbolic
 * (batch, height, width) are -1.
 */
public record TensorSpec(String name, ElementType type, long[] shape) {

    public int rank() {
        return shape.length;
    }

    /** Dimension {@code i}, or -1 when it is symbolic. */
    public long dim(int i) {
        return shape[i];
    }

    @Override
    public String toString() {
        return name + " " + type.jsonName() + Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && t.name.equals(name) && t.type == type && Arrays.equals(t.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }
}
