package io.maskmill.harmonize;

import io.maskmill.events.InvalidInputException;
import io.maskmill.imaging.Box;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

/**
 * What a foreground mask holds against its composite — object pixels (1..254), scene pixels (0),
 * the object's box — and whether there is anything to harmonize. Shared by every harmonizer, so
 * they refuse and pass through for the same reasons in the same words.
 */
record Foreground(int objectPixels, int scenePixels, Box box) {
    /** Fewer pixels than this give no meaningful mean and standard deviation. */
    static final int MIN_PIXELS = 16;

    static Foreground measure(RgbImage composite, LabelMask foreground) {
        int w = composite.width(), h = composite.height();
        if (foreground.width() != w || foreground.height() != h) {
            throw new InvalidInputException("foreground mask is " + foreground.width() + "x" + foreground.height()
                    + " but the composite is " + w + "x" + h);
        }
        byte[] labels = foreground.labels();
        int objectPixels = 0, scenePixels = 0, x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0, i = y * w; x < w; x++, i++) {
                int label = labels[i] & 0xFF;
                if (label == LabelMask.BACKGROUND) {
                    scenePixels++;
                } else if (label != LabelMask.IGNORE) {
                    objectPixels++;
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = y;
                }
            }
        }
        return new Foreground(objectPixels, scenePixels, objectPixels == 0 ? null : new Box(x0, y0, x1 + 1, y1 + 1));
    }

    /** Why there is nothing to harmonize; null when there is. */
    String nothingToHarmonize() {
        if (objectPixels == 0) {
            return "foreground mask is empty: no object to harmonize";
        }
        if (scenePixels < MIN_PIXELS) {
            return "foreground mask covers the image but " + scenePixels
                    + " pixels: no scene to take colour statistics from";
        }
        if (objectPixels < MIN_PIXELS) {
            return "object has only " + objectPixels + " pixels, too few for colour statistics";
        }
        return null;
    }
}
