package io.maskmill.imaging;

/**
 * An axis-aligned pixel box, half-open: columns x0..x1-1, rows y0..y1-1.
 * COCO's bbox is {@code [x0, y0, width(), height()]}.
 */
public record Box(int x0, int y0, int x1, int y1) {
    public Box {
        if (x1 < x0 || y1 < y0) {
            throw new IllegalArgumentException("box corners out of order: " + x0 + "," + y0 + " .. " + x1 + "," + y1);
        }
    }

    public int width() {
        return x1 - x0;
    }

    public int height() {
        return y1 - y0;
    }

    /** This box grown by {@code margin} on every side, clipped to a width×height image. */
    public Box expand(int margin, int imageWidth, int imageHeight) {
        return new Box(Math.max(0, x0 - margin), Math.max(0, y0 - margin),
                Math.min(imageWidth, x1 + margin), Math.min(imageHeight, y1 + margin));
    }
}
