package io.maskmill.optimize;

import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.RgbImage;

/**
 * What a refiner sees.
 *
 * @param image         the generated image
 * @param attention     the class token's aggregated cross-attention at the image size, min-max normalised to [0, 1]
 * @param selfAttention the UNet's self-attention at one resolution, or null when the sample stage did not write it
 */
public record RefinementInput(RgbImage image, FloatMap attention, SelfAttention selfAttention) {
    public RefinementInput {
        if (image.width() != attention.width() || image.height() != attention.height()) {
            throw new IllegalArgumentException("attention " + attention.width() + "x" + attention.height()
                    + " is not at the image size " + image.width() + "x" + image.height());
        }
    }
}
