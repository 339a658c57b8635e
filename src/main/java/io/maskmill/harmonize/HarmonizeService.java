package io.maskmill.harmonize;

import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.imaging.RgbImage;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The harmonize stage's work on artifacts: a composite image and a mask of the pasted objects
 * (palette PNG; each pasted object its own label 1..254, 0 the scene, 255 ignore) in, a harmonized PNG out.
 * Each pasted object is harmonized on its own, the other pasted objects counting as "ignore" so that
 * they neither change nor enter its statistics.
 */
public final class HarmonizeService {
    /** The harmonized image as PNG and what was done. */
    public record Output(byte[] png, HarmonizationResult result) {
    }

    private final Harmonizer harmonizer;

    public HarmonizeService(Harmonizer harmonizer) {
        this.harmonizer = harmonizer;
    }

    public Harmonizer harmonizer() {
        return harmonizer;
    }

    /** Decodes, harmonizes, encodes; names are used in error messages. A greyscale composite is passed through. */
    public Output harmonize(byte[] composite, String compositeName, byte[] pastedMaskPng, String maskName) {
        BufferedImage decoded = Images.decode(composite, compositeName);
        LabelMask pasted = LabelMasks.readIndexedPng(pastedMaskPng, maskName);
        RgbImage rgb = Images.toRgb(decoded);
        HarmonizationResult result;
        boolean grey = decoded.getColorModel().getNumColorComponents() == 1
                && !(decoded.getColorModel() instanceof IndexColorModel);
        if (grey) {
            result = HarmonizationResult.passedThrough(rgb, compositeName
                    + " is a greyscale image: there is no colour to harmonize");
        } else {
            result = harmonizeEach(rgb, pasted);
        }
        return new Output(Images.writePng(result.image()), result);
    }

    /** Harmonizes every object label of {@code pasted} in turn (ascending label order). */
    public HarmonizationResult harmonizeEach(RgbImage composite, LabelMask pasted) {
        boolean[] present = new boolean[256];
        for (byte b : pasted.labels()) {
            present[b & 0xFF] = true;
        }
        RgbImage image = composite;
        boolean applied = false;
        List<String> details = new ArrayList<>();
        for (int label = 1; label < LabelMask.IGNORE; label++) {
            if (present[label]) {
                HarmonizationResult r = harmonizer.harmonize(image, onlyObject(pasted, label));
                image = r.image();
                applied |= r.applied();
                details.add("object " + label + (r.applied() ? ": " : ": passed through: ") + r.detail());
            }
        }
        if (details.isEmpty()) {
            // let the harmonizer state the empty-mask reason (and check the size) in its own words
            return harmonizer.harmonize(composite, pasted);
        }
        return new HarmonizationResult(image, applied, String.join("; ", details));
    }

    /** 1 where {@code label}, 255 on the other pasted objects and ignore pixels, 0 on the scene. */
    private static LabelMask onlyObject(LabelMask pasted, int label) {
        byte[] in = pasted.labels(), out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            int v = in[i] & 0xFF;
            out[i] = v == label ? 1 : v == 0 ? 0 : (byte) LabelMask.IGNORE;
        }
        return new LabelMask(pasted.width(), pasted.height(), out);
    }
}
