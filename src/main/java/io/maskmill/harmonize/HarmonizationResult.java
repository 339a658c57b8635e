package io.maskmill.harmonize;

import io.maskmill.imaging.RgbImage;

/**
 * A harmonized image, or the unchanged composite and the reason it was passed through.
 *
 * @param image   the output (the input composite itself when passed through)
 * @param applied true when the image was harmonized
 * @param detail  when applied, what was done (statistics used); when passed through, why not
 */
public record HarmonizationResult(RgbImage image, boolean applied, String detail) {
    public static HarmonizationResult applied(RgbImage image, String detail) {
        return new HarmonizationResult(image, true, detail);
    }

    public static HarmonizationResult passedThrough(RgbImage composite, String reason) {
        return new HarmonizationResult(composite, false, reason);
    }
}
