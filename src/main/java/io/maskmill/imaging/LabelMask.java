package io.maskmill.imaging;

import java.util.Arrays;

/**
 * One byte label per pixel, row-major ({@code labels()[y * width + x]}): {@link #BACKGROUND} 0,
 * class labels 1..254, {@link #IGNORE} 255 (VOC's "void": not scored, not used for statistics).
 * A binary mask is a LabelMask with labels 0 and 1. Labels are read unsigned (0..255).
 */
public final class LabelMask {
    public static final int BACKGROUND = 0;
    public static final int IGNORE = 255;

    private final int width;
    private final int height;
    private final byte[] labels;

    /** An all-background mask. */
    public LabelMask(int width, int height) {
        this(width, height, new byte[RgbImage.checkedSize(width, height)]);
    }

    /** Wraps {@code labels} (length width·height) without copying. */
    public LabelMask(int width, int height, byte[] labels) {
        int size = RgbImage.checkedSize(width, height);
        if (labels == null || labels.length != size) {
            throw new IllegalArgumentException("label mask " + width + "x" + height + " needs " + size
                    + " bytes, got " + (labels == null ? "null" : labels.length));
        }
        this.width = width;
        this.height = height;
        this.labels = labels;
    }

    /** True for labels 1..254: an object of some class (neither background nor ignore). */
    public static boolean isObject(int label) {
        return label != BACKGROUND && label != IGNORE;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The live row-major array; read values with {@code & 0xFF}. */
    public byte[] labels() {
        return labels;
    }

    public int get(int x, int y) {
        return labels[y * width + x] & 0xFF;
    }

    public void set(int x, int y, int label) {
        labels[y * width + x] = checkedLabel(label);
    }

    /** Number of pixels carrying {@code label}. */
    public int count(int label) {
        byte b = checkedLabel(label);
        int n = 0;
        for (byte v : labels) {
            if (v == b) {
                n++;
            }
        }
        return n;
    }

    /** Binary mask (0/1) of the pixels carrying {@code label}. */
    public LabelMask select(int label) {
        byte b = checkedLabel(label);
        byte[] out = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] == b ? (byte) 1 : 0;
        }
        return new LabelMask(width, height, out);
    }

    /** Writes {@code label} wherever {@code region} is nonzero (an object pasted on top). */
    public void paint(LabelMask region, int label) {
        requireSameSize(region, "region");
        byte b = checkedLabel(label);
        byte[] r = region.labels;
        for (int i = 0; i < labels.length; i++) {
            if (r[i] != 0) {
                labels[i] = b;
            }
        }
    }

    /** Tightest box around the pixels carrying {@code label}, or null when there are none. */
    public Box box(int label) {
        byte b = checkedLabel(label);
        int x0 = width, y0 = height, x1 = -1, y1 = -1;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if (labels[row + x] == b) {
                    if (x < x0) x0 = x;
                    if (x > x1) x1 = x;
                    y1 = y;
                    if (y0 == height) y0 = y;
                }
            }
        }
        return x1 < 0 ? null : new Box(x0, y0, x1 + 1, y1 + 1);
    }

    public LabelMask copy() {
        return new LabelMask(width, height, labels.clone());
    }

    void requireSameSize(LabelMask other, String what) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException(what + " is " + other.width + "x" + other.height
                    + " but the mask is " + width + "x" + height);
        }
    }

    private static byte checkedLabel(int label) {
        if (label < 0 || label > 255) {
            throw new IllegalArgumentException("label must be 0..255, got " + label);
        }
        return (byte) label;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMask other && width == other.width && height == other.height
                && Arrays.equals(labels, other.labels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "LabelMask[" + width + "x" + height + "]";
    }
}
