package io.maskmill.optimize;

/**
 * A self-attention matrix at a width×height resolution: N×N with N = width·height, row-major, row i
 * being query pixel i's attention over the N key pixels (rows sum to 1 for softmax attention).
 */
public record SelfAttention(int width, int height, float[] matrix) {
    public SelfAttention {
        long n = (long) width * height;
        if (width <= 0 || height <= 0 || n > 8192 || matrix == null || matrix.length != n * n) {
            throw new IllegalArgumentException("self-attention " + width + "x" + height + " needs an N×N matrix with N = "
                    + n + " <= 8192, got " + (matrix == null ? "null" : matrix.length + " values"));
        }
    }

    public int size() {
        return width * height;
    }
}
