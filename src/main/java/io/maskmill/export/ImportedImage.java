package io.maskmill.export;

import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

/**
 * One image of an existing dataset with its semantic mask in the job's class map.
 *
 * @param file      the image's path in the dataset, for provenance and error messages
 * @param className the class covering most of the mask (the sample's own class)
 * @param object    the one whole instance of that class that other samples may paste (its label on its
 *                  pixels, 0 elsewhere), or null: the format has no instances, or none is whole
 * @param noObject  why no instance is whole enough to paste (null when {@code object} is set or the format
 *                  has no instances)
 */
record ImportedImage(String file, RgbImage image, LabelMask mask, String className, LabelMask object,
        String noObject) {
    ImportedImage(String file, RgbImage image, LabelMask mask, String className) {
        this(file, image, mask, className, null, null);
    }
}
