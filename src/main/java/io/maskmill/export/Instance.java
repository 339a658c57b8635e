package io.maskmill.export;

import io.maskmill.imaging.Box;

/**
 * One object instance of an exported image, as COCO and SegmentationObject see it.
 *
 * @param index    its value in the SegmentationObject PNG (1..254)
 * @param label    its class label (class-map index + 1 = COCO category id)
 * @param area     visible pixels
 * @param rle      COCO compressed RLE of its visible pixels
 * @param pasted   true for an object the editing stages added, false for the scene's own
 */
record Instance(int index, int label, int area, Box box, String rle, boolean pasted) {
}
