package io.maskmill.imaging;

/**
 * A width×height map of floats, row-major ({@code values()[y * width + x]}): attention, confidence,
 * alpha. The array is exposed, not copied.
 */
public final class FloatMap {
    private final int width;
    private final int height;
    private final float[] values;

    public FloatMap(int width, int height) {
        this(width, height, new float[RgbImage.checkedSize(width, height)]);
    }

    /** Wraps {@code values} (length width·height) without copying. */
    public FloatMap(int width, int height, float[] values) {
        int size = RgbImage.checkedSize(width, height);
        if (values == null || values.length != size) {
            throw new IllegalArgumentException("float map " + width + "x" + height + " needs " + size
                    + " floats, got " + (values == null ? "null" : values.length));
        }
        this.width = width;
        this.height = height;
        this.values = values;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public float[] values() {
        return values;
    }

    public float get(int x, int y) {
        return values[y * width + x];
    }

    public void set(int x, int y, float value) {
        values[y * width + x] = value;
    }

    /**
     * Bilinear resize with pixel-centre alignment (half-pixel offsets, edges clamped), the
     * convention of OpenCV's INTER_LINEAR and PyTorch's interpolate(align_corners=False).
     */
    public FloatMap resizeBilinear(int newWidth, int newHeight) {
        float[] out = new float[RgbImage.checkedSize(newWidth, newHeight)];
        float sx = (float) width / newWidth;
        float sy = (float) height / newHeight;
        int[] xa = new int[newWidth];
        int[] xb = new int[newWidth];
        float[] wx = new float[newWidth];
        for (int x = 0; x < newWidth; x++) {
            float fx = Math.max(0f, (x + 0.5f) * sx - 0.5f);
            int x0 = Math.min((int) fx, width - 1);
            xa[x] = x0;
            xb[x] = Math.min(x0 + 1, width - 1);
            wx[x] = fx - x0;
        }
        for (int y = 0; y < newHeight; y++) {
            float fy = Math.max(0f, (y + 0.5f) * sy - 0.5f);
            int y0 = Math.min((int) fy, height - 1);
            int r0 = y0 * width;
            int r1 = Math.min(y0 + 1, height - 1) * width;
            float wy = fy - y0;
            int o = y * newWidth;
            for (int x = 0; x < newWidth; x++) {
                float top = values[r0 + xa[x]] + (values[r0 + xb[x]] - values[r0 + xa[x]]) * wx[x];
                float bottom = values[r1 + xa[x]] + (values[r1 + xb[x]] - values[r1 + xa[x]]) * wx[x];
                out[o + x] = top + (bottom - top) * wy;
            }
        }
        return new FloatMap(newWidth, newHeight, out);
    }

    public FloatMap copy() {
        return new FloatMap(width, height, values.clone());
    }

    @Override
    public String toString() {
        return "FloatMap[" + width + "x" + height + "]";
    }
}
