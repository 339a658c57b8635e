package io.maskmill.export;

import java.util.List;

import io.maskmill.imaging.LabelMask;

/** Reads an existing segmentation dataset image by image, in a stable order. */
interface DatasetImporter {
    /** The class map the masks are in (label = index + 1). */
    List<String> classes();

    /** Image entries in dataset order (names as the format lists them). */
    List<String> entries();

    /** Decodes one entry; {@link io.maskmill.events.InvalidInputException} naming the file when it is bad. */
    ImportedImage load(String entry);

    /** The class (label ≥ 1) with the most pixels; -1 when the mask has no object. */
    static int dominantLabel(LabelMask mask) {
        int[] counts = new int[256];
        for (byte b : mask.labels()) {
            counts[b & 0xFF]++;
        }
        int best = -1;
        for (int label = 1; label < LabelMask.IGNORE; label++) {
            if (counts[label] > 0 && (best < 0 || counts[label] > counts[best])) {
                best = label;
            }
        }
        return best;
    }
}
