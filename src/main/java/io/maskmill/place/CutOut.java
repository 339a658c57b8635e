package io.maskmill.place;

import io.maskmill.imaging.Box;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

/**
 * An object cut out of a sample: the sample's image, the object's binary mask (same size) and the
 * mask's tight box, to which everything pasted is cropped. Nothing is copied: scaling reads the
 * source inside the box (and a few pixels around it for the outer half of the feathered edge).
 *
 * @param name      the object, for reasons (e.g. {@code "cat from sample s000007"})
 * @param maskArea  number of object pixels
 */
public record CutOut(String name, RgbImage image, LabelMask mask, Box box, int maskArea) {

    /**
     * The pixels of {@code mask} carrying {@code label}, cut from {@code image}.
     *
     * @throws Unplaceable if the sizes differ or no pixel carries the label
     */
    public static CutOut of(String name, RgbImage image, LabelMask mask, int label) {
        if (image.width() != mask.width() || image.height() != mask.height()) {
            throw new Unplaceable(name + ": image is " + image.width() + "x" + image.height() + " but its mask is "
                    + mask.width() + "x" + mask.height());
        }
        LabelMask binary = mask.select(label);
        Box box = binary.box(1);
        if (box == null) {
            throw new Unplaceable(name + ": mask is empty (no pixel has label " + label + ")");
        }
        return new CutOut(name, image, binary, box, binary.count(1));
    }
}
