package io.maskmill.imaging;

import io.maskmill.events.InvalidInputException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;

import org.eclipse.microprofile.config.ConfigProvider;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * Encoding and decoding through javax.imageio, in memory only (no ImageIO disk cache).
 * Anything that cannot be decoded raises {@link InvalidInputException} naming the input and the
 * reason: it is bad data, and retrying will not help.
 */
public final class Images {
    /**
     * Larger images are refused from their header, before decoding: a 7000×7000 PNG can be 143 KB
     * on the wire and 590 MB as RGB floats. 4096² (16.8 MP, 200 MB of floats) by default; the
     * setting {@code maskmill.imaging.max-pixels} changes it (read once, from any config source).
     */
    public static final long MAX_PIXELS = ConfigProvider.getConfig()
            .getOptionalValue("maskmill.imaging.max-pixels", Long.class).orElse(4096L * 4096L);
    /** The longest side accepted, whatever the area (a 1×20M strip is no image of ours). */
    public static final int MAX_SIDE = ConfigProvider.getConfig()
            .getOptionalValue("maskmill.imaging.max-side", Integer.class).orElse(16384);

    private Images() {
    }

    /** Decodes a PNG, JPEG, BMP or GIF into RGB; see {@link #toRgb}. */
    public static RgbImage readRgb(byte[] encoded) {
        return readRgb(encoded, "image");
    }

    /** As {@link #readRgb(byte[])}; {@code source} (a key, a file name) goes into error messages. */
    public static RgbImage readRgb(byte[] encoded, String source) {
        return toRgb(decode(encoded, source));
    }

    /** Decodes without converting, for callers that need the stored colour model (grey, palette, ...). */
    public static BufferedImage decode(byte[] encoded, String source) {
        if (encoded == null || encoded.length == 0) {
            throw new InvalidInputException(source + ": no image bytes (empty or missing)");
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidInputException(source + ": not a PNG, JPEG, BMP or GIF image (unrecognised header, "
                        + encoded.length + " bytes)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                String format = reader.getFormatName();
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                long pixels = (long) width * height;
                if (pixels > MAX_PIXELS || width > MAX_SIDE || height > MAX_SIDE) {
                    throw new InvalidInputException(source + ": " + format + " image " + width + "x" + height
                            + " is too large to decode: the limits are " + MAX_PIXELS + " pixels"
                            + " (maskmill.imaging.max-pixels) and " + MAX_SIDE + " per side (maskmill.imaging.max-side)");
                }
                try {
                    return reader.read(0);
                } catch (IOException | RuntimeException e) {
                    throw new InvalidInputException(source + ": corrupt or unsupported " + format + " image ("
                            + e.getMessage() + ")", e);
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new InvalidInputException(source + ": unreadable image header (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Converts any decoded image to RGB in [0, 1]: grey is replicated into the three channels,
     * palettes are expanded, alpha is dropped (the colour values are kept as stored).
     */
    public static RgbImage toRgb(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        float[] out = new float[RgbImage.checkedSize(w, h) * 3];
        int type = image.getType();
        if (type == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < out.length; i += 3) {
                out[i] = (bgr[i + 2] & 0xFF) / 255f;
                out[i + 1] = (bgr[i + 1] & 0xFF) / 255f;
                out[i + 2] = (bgr[i] & 0xFF) / 255f;
            }
        } else if (type == BufferedImage.TYPE_BYTE_GRAY) {
            // Raw samples: getRGB would push them through Java's linear-grey colour space.
            byte[] grey = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int p = 0; p < grey.length; p++) {
                float v = (grey[p] & 0xFF) / 255f;
                out[3 * p] = v;
                out[3 * p + 1] = v;
                out[3 * p + 2] = v;
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0, i = 3 * y * w; x < w; x++, i += 3) {
                    int argb = row[x];
                    out[i] = ((argb >> 16) & 0xFF) / 255f;
                    out[i + 1] = ((argb >> 8) & 0xFF) / 255f;
                    out[i + 2] = (argb & 0xFF) / 255f;
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    /** An 8-bit BGR BufferedImage of {@code image} (rounded, clamped to [0, 255]). */
    public static BufferedImage toBufferedImage(RgbImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        float[] rgb = image.pixels();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = to8Bit(rgb[i + 2]);
            bgr[i + 1] = to8Bit(rgb[i + 1]);
            bgr[i + 2] = to8Bit(rgb[i]);
        }
        return out;
    }

    /** The value as stored in 8 bits: round(v·255) clamped to 0..255. */
    public static byte to8Bit(float v) {
        int q = Math.round(v * 255f);
        return (byte) (q < 0 ? 0 : Math.min(q, 255));
    }

    /** 8-bit RGB PNG ({@link PngEncoder}: adaptive filters, zlib level 6). */
    public static byte[] writePng(RgbImage image) {
        float[] rgb = image.pixels();
        byte[] bytes = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            bytes[i] = to8Bit(rgb[i]);
        }
        return PngEncoder.rgb(bytes, image.width(), image.height());
    }

    /** Baseline JPEG at {@code quality} in (0, 1] (0.9 is a good default). */
    public static byte[] writeJpeg(RgbImage image, float quality) {
        return writeJpeg(toBufferedImage(image), quality);
    }

    /**
     * 8-bit PNG of an already 8-bit image (drawn thumbnails, contact sheets): grey stays grey, opaque
     * colour becomes RGB through {@link PngEncoder}; images with alpha go through ImageIO, which keeps it.
     */
    public static byte[] writePng(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            byte[] grey = new byte[w * h];
            image.getRaster().getDataElements(0, 0, w, h, grey);
            return PngEncoder.grey(grey, w, h);
        }
        if (image.getColorModel().hasAlpha()) {
            return write(image, "png", null);
        }
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0, i = 3 * y * w; x < w; x++, i += 3) {
                rgb[i] = (byte) (row[x] >> 16);
                rgb[i + 1] = (byte) (row[x] >> 8);
                rgb[i + 2] = (byte) row[x];
            }
        }
        return PngEncoder.rgb(rgb, w, h);
    }

    /** Baseline JPEG of an already 8-bit image at {@code quality} in (0, 1]. */
    public static byte[] writeJpeg(BufferedImage image, float quality) {
        if (!(quality > 0f && quality <= 1f)) {
            throw new IllegalArgumentException("JPEG quality must be in (0, 1], got " + quality);
        }
        return write(image, "jpeg", quality);
    }

    static byte[] write(BufferedImage image, String format, Float jpegQuality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.getWidth() * image.getHeight());
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (jpegQuality != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding " + format + " in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
