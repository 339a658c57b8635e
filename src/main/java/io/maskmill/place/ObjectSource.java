package io.maskmill.place;

import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

/**
 * An object to add, as loaded from its sample: image and class mask, or the reason it could not be loaded.
 */
public record ObjectSource(String className, String sampleId, RgbImage image, LabelMask mask, String failure) {
    public static ObjectSource of(String className, String sampleId, RgbImage image, LabelMask mask) {
        return new ObjectSource(className, sampleId, image, mask, null);
    }

    public static ObjectSource failed(String className, String sampleId, String reason) {
        return new ObjectSource(className, sampleId, null, null, reason);
    }

    /** For reasons: {@code cat from sample s000007}. */
    public String describe() {
        return className + " from sample " + sampleId;
    }
}
