package io.maskmill.place;

import io.maskmill.imaging.Box;
import io.maskmill.imaging.LabelMask;

/**
 * One object pasted into the sample.
 *
 * @param index     1-based, its value in the pasted-objects map
 * @param className its class; {@code label} its label in the job's class map
 * @param sample    the pool sample it was cut from
 * @param box       Eq. 4's box [x, y, w, h] (the scaled cut-out's box, inside the image)
 * @param scale     s_i of the chosen scale
 * @param score     F_h at the chosen centre and scale
 * @param occlusion the largest share of an existing object it hides (≤ the limit)
 * @param instance  binary mask (image size) of its pixels still visible after later objects were pasted
 */
public record PlacedObject(int index, String className, int label, String sample, Box box, double scale, float score,
                           double occlusion, LabelMask instance) {
    /** Visible pixels. */
    public int area() {
        return instance.count(1);
    }
}
