package io.maskmill.imaging;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The float32 map artifact ({@code attention.bin}, {@code logits.bin}, ...): a 20-byte header —
 * magic {@code "MMFM"}, version (1), width, height, channels, each an int32 — then
 * channels·height·width float32 values, channel-major then row-major ({@code [c][y][x]}),
 * everything little-endian.
 */
public final class FloatMaps {
    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 20;
    private static final byte[] MAGIC = "MMFM".getBytes(StandardCharsets.US_ASCII);

    /** A decoded artifact: {@code values[(c * height + y) * width + x]}. */
    public record Stack(int width, int height, int channels, float[] values) {
        public FloatMap channel(int c) {
            if (c < 0 || c >= channels) {
                throw new IndexOutOfBoundsException("channel " + c + " of " + channels);
            }
            int plane = width * height;
            float[] v = new float[plane];
            System.arraycopy(values, c * plane, v, 0, plane);
            return new FloatMap(width, height, v);
        }
    }

    private FloatMaps() {
    }

    public static byte[] encode(FloatMap map) {
        return encode(map.width(), map.height(), 1, map.values());
    }

    public static byte[] encode(int width, int height, int channels, float[] values) {
        long expected = (long) width * height * channels;
        if (width < 1 || height < 1 || channels < 1 || values.length != expected) {
            throw new IllegalArgumentException("float map " + width + "x" + height + "x" + channels + " needs "
                    + expected + " values, got " + values.length);
        }
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(HEADER_BYTES + 4 * expected)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(VERSION).putInt(width).putInt(height).putInt(channels);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /** Decodes an artifact; {@code source} names it in errors. */
    public static Stack decode(byte[] bytes, String source) {
        if (bytes.length < HEADER_BYTES) {
            throw new IllegalArgumentException(source + ": " + bytes.length + " bytes is too short for a float map header");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[4];
        b.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IllegalArgumentException(source + ": not a float map (magic is not MMFM)");
        }
        int version = b.getInt();
        if (version != VERSION) {
            throw new IllegalArgumentException(source + ": float map version " + version + ", this reader knows " + VERSION);
        }
        int width = b.getInt();
        int height = b.getInt();
        int channels = b.getInt();
        long count = (long) width * height * channels;
        if (width < 1 || height < 1 || channels < 1 || bytes.length != HEADER_BYTES + 4 * count) {
            throw new IllegalArgumentException(source + ": header says " + width + "x" + height + "x" + channels
                    + " but the file has " + (bytes.length - HEADER_BYTES) + " data bytes");
        }
        float[] values = new float[(int) count];
        b.asFloatBuffer().get(values);
        return new Stack(width, height, channels, values);
    }
}
