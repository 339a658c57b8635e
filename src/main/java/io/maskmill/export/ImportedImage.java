package io.maskmill.export;

import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

/**
 * One image of an existing dataset with its semantic mask in the job's class map.
 *
 * @param file      the image's path in the dataset, for provenance and error messages
 * @param className the class covering most of the mask (the sample's own class)
 */
record ImportedImage(String file, RgbImage image, LabelMask mask, String className) {
}
