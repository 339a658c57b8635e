package io.maskmill.imaging;

import io.maskmill.events.InvalidInputException;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Label masks as 8-bit palette PNGs in the Pascal VOC style: the pixel value is the label, the
 * palette only makes it visible (VOC's colour map, 255 "void" = light beige 224,224,192).
 */
public final class LabelMasks {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] VOC_PLTE = plte(vocPalette());

    private LabelMasks() {
    }

    /** The VOC colour map: label i's colour spreads i's bits, three at a time, over R, G, B from the top bit down. */
    public static IndexColorModel vocPalette() {
        byte[] r = new byte[256], g = new byte[256], b = new byte[256];
        for (int i = 0; i < 256; i++) {
            int c = i, red = 0, green = 0, blue = 0;
            for (int bit = 7; bit >= 0; bit--, c >>= 3) {
                red |= (c & 1) << bit;
                green |= ((c >> 1) & 1) << bit;
                blue |= ((c >> 2) & 1) << bit;
            }
            r[i] = (byte) red;
            g[i] = (byte) green;
            b[i] = (byte) blue;
        }
        return new IndexColorModel(8, 256, r, g, b);
    }

    /** 8-bit palette PNG whose pixel indices are the labels ({@link PngEncoder}). */
    public static byte[] writeVocPng(LabelMask mask) {
        return PngEncoder.palette(mask.labels(), mask.width(), mask.height(), VOC_PLTE);
    }

    /** The VOC colour map as a PNG PLTE chunk's bytes: R, G, B per entry. */
    private static byte[] plte(IndexColorModel palette) {
        byte[] plte = new byte[3 * palette.getMapSize()];
        for (int i = 0; i < palette.getMapSize(); i++) {
            plte[3 * i] = (byte) palette.getRed(i);
            plte[3 * i + 1] = (byte) palette.getGreen(i);
            plte[3 * i + 2] = (byte) palette.getBlue(i);
        }
        return plte;
    }

    /**
     * Reads a palette PNG's indices (any palette, 1–8 bits) or an 8-bit greyscale PNG's values as labels,
     * never the colours. RGB PNGs are refused: their colours would have to be guessed back into labels.
     */
    public static LabelMask readIndexedPng(byte[] png, String source) {
        if (png == null || png.length < PNG_SIGNATURE.length || !startsWithPngSignature(png)) {
            throw new InvalidInputException(source + ": a label mask must be a PNG (lossless), and this is not one");
        }
        BufferedImage image = Images.decode(png, source);
        boolean indexed = image.getColorModel() instanceof IndexColorModel;
        boolean grey8 = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
        if (!indexed && !grey8) {
            throw new InvalidInputException(source + ": label mask PNG must be palette (indexed) or 8-bit greyscale, got "
                    + image.getColorModel().getNumComponents() + " components of "
                    + image.getColorModel().getPixelSize() / image.getColorModel().getNumComponents() + " bits");
        }
        Raster raster = image.getRaster();
        int w = image.getWidth(), h = image.getHeight();
        int[] samples = raster.getSamples(0, 0, w, h, 0, (int[]) null);
        byte[] labels = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            labels[i] = (byte) samples[i];
        }
        return new LabelMask(w, h, labels);
    }

    private static boolean startsWithPngSignature(byte[] bytes) {
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (bytes[i] != PNG_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }
}
