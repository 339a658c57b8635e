package io.maskmill.optimize;

import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.LabelMask;

/**
 * A refiner's output at the image size.
 *
 * @param score soft foreground score in [0, 1] (written as the confidence map)
 * @param mask  0 background, 1 the class, 255 unsure (left out of the sweep's IoU)
 */
public record Reference(FloatMap score, LabelMask mask) {
}
