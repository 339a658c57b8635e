package io.maskmill.export;

import io.maskmill.imaging.Box;
import io.maskmill.imaging.LabelMask;

/**
 * One object the place stage pasted, as {@code objects.json} records it.
 *
 * @param source the sample the cut-out came from
 * @param box    where it went, {@code [x, y, w, h]} in objects.json
 * @param mask   its instance mask (binary, image size), decoded from COCO RLE
 */
record PastedObject(String className, String source, Box box, LabelMask mask) {
}
