package io.maskmill.imaging;

import io.maskmill.events.InvalidInputException;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImagesTest {
    @Test
    void pngRoundTripIsExactFor8BitValues() {
        RgbImage image = random8Bit(37, 23, 3);
        assertEquals(image, Images.readRgb(Images.writePng(image)));
    }

    @Test
    void jpegRoundTripIsClose() {
        RgbImage image = new RgbImage(64, 48);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                image.set(x, y, 0, x / 63f);
                image.set(x, y, 1, y / 47f);
                image.set(x, y, 2, 0.5f);
            }
        }
        RgbImage back = Images.readRgb(Images.writeJpeg(image, 0.95f));
        double sum = 0;
        for (int i = 0; i < image.pixels().length; i++) {
            sum += Math.abs(image.pixels()[i] - back.pixels()[i]);
        }
        assertTrue(sum / image.pixels().length < 0.01, "mean abs error " + sum / image.pixels().length);
        assertThrows(IllegalArgumentException.class, () -> Images.writeJpeg(image, 0f));
    }

    @Test
    void readsRealCocoJpeg() throws IOException {
        byte[] jpeg = Files.readAllBytes(SharedData.require(SharedData.COCO_IMAGES.resolve("000000535506.jpg")));
        RgbImage image = Images.readRgb(jpeg, "000000535506.jpg");
        assertEquals(480, image.width());
        assertEquals(640, image.height());
    }

    @Test
    void greyImagesAreReplicatedWithoutGammaChange() throws IOException {
        BufferedImage grey = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 1, 0, 100);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(grey, "png", out);
        RgbImage rgb = Images.readRgb(out.toByteArray());
        assertEquals(100 / 255f, rgb.get(1, 1, 0));
        assertEquals(100 / 255f, rgb.get(1, 1, 2));
        assertEquals(0f, rgb.get(0, 0, 1));
    }

    @Test
    void badBytesFailNamingTheInput() {
        InvalidInputException empty = assertThrows(InvalidInputException.class, () -> Images.readRgb(new byte[0], "a.png"));
        assertTrue(empty.getMessage().startsWith("a.png: no image bytes"), empty.getMessage());
        InvalidInputException text = assertThrows(InvalidInputException.class,
                () -> Images.readRgb("hello, not an image".getBytes(), "notes.txt"));
        assertTrue(text.getMessage().startsWith("notes.txt: not a PNG, JPEG"), text.getMessage());
        byte[] png = Images.writePng(random8Bit(50, 50, 1));
        byte[] truncated = Arrays.copyOf(png, png.length / 2);
        InvalidInputException cut = assertThrows(InvalidInputException.class, () -> Images.readRgb(truncated, "cut.png"));
        assertTrue(cut.getMessage().startsWith("cut.png: corrupt or unsupported png image"), cut.getMessage());
    }

    static RgbImage random8Bit(int w, int h, long seed) {
        Random random = new Random(seed);
        RgbImage image = new RgbImage(w, h);
        for (int i = 0; i < image.pixels().length; i++) {
            image.pixels()[i] = random.nextInt(256) / 255f;
        }
        return image;
    }

    /** A real, complete 7000×7000 RGB PNG of black, about 143 KB: decoded it would be 147 MB of bytes and 590 MB of floats. */
    @Test
    void aSmallFileOfHugeDimensionsIsRefusedFromItsHeaderBeforeDecoding() throws IOException {
        byte[] png = blackPng(7000, 7000);
        assertTrue(png.length < 200_000, "the file is small: " + png.length + " bytes");
        var e = assertThrows(InvalidInputException.class, () -> Images.readRgb(png, "upload.png"));
        assertTrue(e.getMessage().startsWith("upload.png: png image 7000x7000 is too large to decode"), e.getMessage());
        assertTrue(e.getMessage().contains("maskmill.imaging.max-pixels"), e.getMessage());
        var strip = assertThrows(InvalidInputException.class, () -> Images.readRgb(blackPng(20000, 1), "strip.png"));
        assertTrue(strip.getMessage().contains("per side"), strip.getMessage());
        assertEquals(4096, Images.readRgb(blackPng(4096, 16), "wide.png").width());
    }

    private static byte[] blackPng(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", header.array());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (var deflate = new java.util.zip.DeflaterOutputStream(idat, new java.util.zip.Deflater(9))) {
            byte[] row = new byte[1 + 3 * width]; // filter 0, then black pixels
            for (int y = 0; y < height; y++) {
                deflate.write(row);
            }
        }
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        crc.update(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
