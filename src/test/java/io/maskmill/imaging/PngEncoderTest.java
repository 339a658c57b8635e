package io.maskmill.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.InflaterInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** The encoder's files decode to the same pixels under ImageIO, with every chunk's CRC right. */
class PngEncoderTest {

    @Test
    void rgbRoundTripsThroughImageIoAtAwkwardSizes() throws IOException {
        Random random = new Random(1);
        for (int[] size : new int[][] { {1, 1}, {1, 7}, {7, 1}, {3, 5}, {64, 33}, {129, 128} }) {
            int w = size[0], h = size[1];
            byte[] rgb = photoLike(w, h, random);
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(PngEncoder.rgb(rgb, w, h)));
            assertEquals(w, decoded.getWidth());
            assertEquals(h, decoded.getHeight());
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = 3 * (y * w + x);
                    int expected = (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | rgb[i + 2] & 0xFF;
                    assertEquals(expected, decoded.getRGB(x, y) & 0xFFFFFF, w + "x" + h + " at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void greyAndPaletteKeepTheirSamples() throws IOException {
        int w = 37, h = 23;
        byte[] grey = new byte[w * h];
        new Random(2).nextBytes(grey);
        BufferedImage g = ImageIO.read(new ByteArrayInputStream(PngEncoder.grey(grey, w, h)));
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, g.getType());
        assertArrayEquals(grey, (byte[]) g.getRaster().getDataElements(0, 0, w, h, null));

        byte[] indices = new byte[w * h];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = (byte) (i % 3);
        }
        byte[] plte = {0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, 0};
        BufferedImage p = ImageIO.read(new ByteArrayInputStream(PngEncoder.palette(indices, w, h, plte)));
        IndexColorModel model = (IndexColorModel) p.getColorModel();
        assertEquals(0xFF0000, model.getRGB(1) & 0xFFFFFF);
        int[] samples = p.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
        for (int i = 0; i < samples.length; i++) {
            assertEquals(indices[i], samples[i], "index at " + i);
        }
    }

    /** Signature, chunk CRCs, IHDR fields; the filters chosen for a photo-like image are not all None. */
    @Test
    void chunksAreWellFormedAndRowsAreFiltered() throws IOException {
        int w = 96, h = 64;
        byte[] png = PngEncoder.rgb(photoLike(w, h, new Random(3)), w, h);
        ByteBuffer b = ByteBuffer.wrap(png);
        byte[] signature = new byte[8];
        b.get(signature);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, signature);
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        StringBuilder order = new StringBuilder();
        while (b.hasRemaining()) {
            int length = b.getInt();
            byte[] typeAndData = new byte[4 + length];
            b.get(typeAndData);
            CRC32 crc = new CRC32();
            crc.update(typeAndData);
            assertEquals((int) crc.getValue(), b.getInt(), "CRC of " + new String(typeAndData, 0, 4));
            String type = new String(typeAndData, 0, 4);
            order.append(type).append(' ');
            if (type.equals("IHDR")) {
                ByteBuffer ihdr = ByteBuffer.wrap(typeAndData, 4, 13);
                assertEquals(w, ihdr.getInt());
                assertEquals(h, ihdr.getInt());
                assertEquals(8, ihdr.get(), "bit depth");
                assertEquals(2, ihdr.get(), "truecolour");
            } else if (type.equals("IDAT")) {
                idat.write(typeAndData, 4, length);
            }
        }
        assertEquals("IHDR IDAT IEND ", order.toString());
        byte[] raw = new InflaterInputStream(new ByteArrayInputStream(idat.toByteArray())).readAllBytes();
        assertEquals(h * (1 + 3 * w), raw.length);
        Set<Integer> filters = new HashSet<>();
        for (int y = 0; y < h; y++) {
            int f = raw[y * (1 + 3 * w)];
            assertTrue(f >= 0 && f <= 4, "filter type " + f);
            filters.add(f);
        }
        assertTrue(filters.stream().anyMatch(f -> f != 0), "a smooth image gets filtered rows: " + filters);
    }

    @Test
    void refusesSizesThatDoNotMatchThePixels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PngEncoder.rgb(new byte[10], 2, 2));
        assertTrue(e.getMessage().contains("expected 12 bytes for 2x2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PngEncoder.palette(new byte[4], 2, 2, new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> PngEncoder.grey(new byte[0], 0, 0));
    }

    /** Smooth gradients with noise: what the sample stage writes looks more like this than like white noise. */
    static byte[] photoLike(int w, int h, Random random) {
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = 3 * (y * w + x);
                rgb[i] = (byte) (x * 255 / Math.max(1, w - 1) + random.nextInt(5));
                rgb[i + 1] = (byte) (y * 255 / Math.max(1, h - 1) + random.nextInt(5));
                rgb[i + 2] = (byte) (128 + 100 * Math.sin((x + y) / 9.0) + random.nextInt(5));
            }
        }
        return rgb;
    }
}
