package io.maskmill.imaging;

import java.util.Arrays;

/**
 * An sRGB image as interleaved floats in [0, 1]: pixel (x, y) channel c (0 = R, 1 = G, 2 = B) is at
 * {@code pixels()[3 * (y * width + x) + c]}.
 *
 * <p>Interleaved float storage because almost every operation here works per pixel on all three
 * channels at once (colour-space conversion, compositing, statistics): the three values sit in one
 * cache line and no 8-bit quantisation happens between stages. 8-bit happens only at encode time.
 * The array is exposed, not copied, so that hot loops can run on it directly.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final float[] pixels;

    /** A black image. */
    public RgbImage(int width, int height) {
        this(width, height, new float[checkedSize(width, height) * 3]);
    }

    /** Wraps {@code pixels} (length 3·width·height, interleaved RGB in [0, 1]) without copying. */
    public RgbImage(int width, int height, float[] pixels) {
        int size = checkedSize(width, height);
        if (pixels == null || pixels.length != size * 3) {
            throw new IllegalArgumentException("RGB image " + width + "x" + height + " needs " + size * 3
                    + " floats, got " + (pixels == null ? "null" : pixels.length));
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    static int checkedSize(int width, int height) {
        if (width <= 0 || height <= 0 || (long) width * height * 3 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image size must be positive and fit an array, got " + width + "x" + height);
        }
        return width * height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The live interleaved array (see class comment for layout). */
    public float[] pixels() {
        return pixels;
    }

    public float get(int x, int y, int channel) {
        return pixels[3 * (y * width + x) + channel];
    }

    public void set(int x, int y, int channel, float value) {
        pixels[3 * (y * width + x) + channel] = value;
    }

    /** The image as three planar channels (R, G, B), the layout ONNX models take. */
    public float[][] planes() {
        int n = width * height;
        float[][] planes = new float[3][n];
        for (int i = 0; i < n; i++) {
            planes[0][i] = pixels[3 * i];
            planes[1][i] = pixels[3 * i + 1];
            planes[2][i] = pixels[3 * i + 2];
        }
        return planes;
    }

    public RgbImage copy() {
        return new RgbImage(width, height, pixels.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage other && width == other.width && height == other.height
                && Arrays.equals(pixels, other.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
