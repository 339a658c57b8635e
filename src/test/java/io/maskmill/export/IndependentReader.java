package io.maskmill.export;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * A reader written apart from the exporter (it shares no code with io.maskmill.imaging): PNG through
 * plain ImageIO, the VOC colour map from the devkit's bit-interleaving definition, and COCO's
 * compressed RLE decoded as pycocotools' rleFrString does, into a row-major 0/1 array.
 */
final class IndependentReader {
    /** A palette PNG: its width, height, indices (row-major) and its 256-entry palette as 0xRRGGBB. */
    record PalettePng(int width, int height, int[] indices, int[] palette) {
    }

    private IndependentReader() {
    }

    static PalettePng palettePng(byte[] png) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(image.getColorModel() instanceof IndexColorModel icm) || icm.getPixelSize() != 8) {
            throw new AssertionError("not an 8-bit palette PNG: " + image.getColorModel());
        }
        int[] palette = new int[256];
        for (int i = 0; i < Math.min(256, icm.getMapSize()); i++) {
            palette[i] = icm.getRGB(i) & 0xFFFFFF;
        }
        int[] indices = image.getRaster().getSamples(0, 0, image.getWidth(), image.getHeight(), 0, (int[]) null);
        return new PalettePng(image.getWidth(), image.getHeight(), indices, palette);
    }

    /** VOC devkit labelcolormap: bit j of R/G/B comes from bits 3k, 3k+1, 3k+2 of the index, top bit first. */
    static int vocColour(int index) {
        int r = 0, g = 0, b = 0;
        for (int k = 0; k < 8; k++) {
            int shift = 7 - k;
            r += ((index >> (3 * k)) & 1) << shift;
            g += ((index >> (3 * k + 1)) & 1) << shift;
            b += ((index >> (3 * k + 2)) & 1) << shift;
        }
        return (r << 16) | (g << 8) | b;
    }

    /** pycocotools rleFrString, then the runs laid down column by column. */
    static byte[] decodeRle(String s, int height, int width) {
        int[] counts = new int[s.length()];
        int m = 0, p = 0;
        while (p < s.length()) {
            long x = 0;
            int k = 0;
            boolean more = true;
            while (more) {
                int c = s.charAt(p) - 48;
                x |= (long) (c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0) {
                    x |= -1L << (5 * k);
                }
            }
            if (m > 2) {
                x += counts[m - 2];
            }
            counts[m++] = (int) x;
        }
        byte[] rowMajor = new byte[height * width];
        int pos = 0;
        byte value = 0;
        for (int j = 0; j < m; j++) {
            for (int n = 0; n < counts[j]; n++, pos++) {
                int row = pos % height, col = pos / height;
                rowMajor[row * width + col] = value;
            }
            value = (byte) (1 - value);
        }
        if (pos != height * width) {
            throw new AssertionError("RLE covers " + pos + " pixels, expected " + height * width);
        }
        return rowMajor;
    }
}
