package io.maskmill.imaging;

import io.maskmill.events.InvalidInputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The float32 map artifact ({@code attention.bin}, {@code self_attention.bin}, {@code logits.bin}):
 * <pre>
 * offset  size  field
 *  0       4    magic "MMFM" (ASCII)
 *  4       4    version, int32 little-endian, = 1
 *  8       4    width, int32 LE (> 0)
 * 12       4    height, int32 LE (> 0)
 * 16       4    channels, int32 LE (> 0)
 * 20       4·w·h·c  float32 LE, planar: value (c, y, x) at index (c·h + y)·w + x
 * </pre>
 * Nothing follows the data. A cross-attention map has 1 channel. A self-attention map at an h×w
 * resolution is N×N with N = h·w (width = height = N, 1 channel): row i holds query pixel i's
 * attention over the N key pixels. Joint-mode logits have C+1 channels (background first, then the
 * class map's classes in order).
 */
public final class FloatMaps {
    public static final int VERSION = 1;
    static final int HEADER_BYTES = 20;
    private static final byte[] MAGIC = {'M', 'M', 'F', 'M'};
    /** Refuse absurd headers before allocating (a 4096² self-attention matrix is 64 MiB·4). */
    private static final long MAX_VALUES = 1L << 28;

    /** A decoded artifact: {@code channels} planes of width×height floats, planar as in the file. */
    public record Planes(int width, int height, int channels, float[] values) {
        public Planes {
            long n = (long) width * height * channels;
            if (width <= 0 || height <= 0 || channels <= 0 || values == null || values.length != n) {
                throw new IllegalArgumentException("planes " + width + "x" + height + "x" + channels + " need " + n
                        + " floats, got " + (values == null ? "null" : values.length));
            }
        }

        /** One plane as a map (copied). */
        public FloatMap plane(int channel) {
            if (channel < 0 || channel >= channels) {
                throw new IllegalArgumentException("channel " + channel + " out of 0.." + (channels - 1));
            }
            int size = width * height;
            float[] out = new float[size];
            System.arraycopy(values, channel * size, out, 0, size);
            return new FloatMap(width, height, out);
        }
    }

    private FloatMaps() {
    }

    /** Encodes a one-channel map. */
    public static byte[] write(FloatMap map) {
        return write(new Planes(map.width(), map.height(), 1, map.values()));
    }

    public static byte[] write(Planes planes) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + 4 * planes.values().length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).putInt(VERSION).putInt(planes.width()).putInt(planes.height()).putInt(planes.channels());
        buffer.asFloatBuffer().put(planes.values());
        return buffer.array();
    }

    /**
     * Decodes an artifact; {@code source} names it in error messages. Values are returned as stored
     * (NaN and infinities included: whether they are acceptable is the caller's decision).
     *
     * @throws InvalidInputException for a wrong magic, version, non-positive or oversized dimensions,
     *                               or a length that does not match the header
     */
    public static Planes read(byte[] bytes, String source) {
        if (bytes == null || bytes.length < HEADER_BYTES) {
            throw new InvalidInputException(source + ": not a float map: " + (bytes == null ? 0 : bytes.length)
                    + " bytes, the header alone is " + HEADER_BYTES);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (byte m : MAGIC) {
            if (buffer.get() != m) {
                throw new InvalidInputException(source + ": not a float map (magic is not \"MMFM\")");
            }
        }
        int version = buffer.getInt();
        if (version != VERSION) {
            throw new InvalidInputException(source + ": float map version " + version + " is not supported (only "
                    + VERSION + ")");
        }
        int width = buffer.getInt(), height = buffer.getInt(), channels = buffer.getInt();
        long n = (long) width * height * channels;
        if (width <= 0 || height <= 0 || channels <= 0 || n > MAX_VALUES) {
            throw new InvalidInputException(source + ": float map dimensions " + width + "x" + height + "x" + channels
                    + " are not positive or exceed " + MAX_VALUES + " values");
        }
        if (bytes.length != HEADER_BYTES + 4 * n) {
            throw new InvalidInputException(source + ": float map " + width + "x" + height + "x" + channels + " needs "
                    + (HEADER_BYTES + 4 * n) + " bytes, the artifact has " + bytes.length);
        }
        FloatBuffer floats = buffer.asFloatBuffer();
        float[] values = new float[(int) n];
        floats.get(values);
        return new Planes(width, height, channels, values);
    }
}
