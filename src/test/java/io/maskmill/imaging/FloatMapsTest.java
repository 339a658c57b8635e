package io.maskmill.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

import io.maskmill.events.InvalidInputException;

class FloatMapsTest {
    @Test
    void roundTripsPlanesAndKeepsTheDocumentedLayout() {
        float[] values = {0, 1, 2, 3, 4, 5, Float.NaN, -1, 7, 8, 9, 10};
        byte[] bytes = FloatMaps.write(new FloatMaps.Planes(3, 2, 2, values));
        assertThat(bytes).hasSize(20 + 4 * 12);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("MMFM");
        assertThat(b.getInt(4)).isEqualTo(1);
        assertThat(b.getInt(8)).isEqualTo(3);
        assertThat(b.getInt(12)).isEqualTo(2);
        assertThat(b.getInt(16)).isEqualTo(2);
        assertThat(b.getFloat(20 + 4 * 7)).isEqualTo(-1f); // channel 1, y 0, x 1
        FloatMaps.Planes back = FloatMaps.read(bytes, "t.bin");
        assertThat(back.values()).containsExactly(values);
        assertThat(back.plane(1).get(1, 0)).isEqualTo(-1f);
        FloatMap one = new FloatMap(2, 2, new float[]{1, 2, 3, 4});
        assertThat(FloatMaps.read(FloatMaps.write(one), "m").plane(0).values()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void refusesWhatIsNotAFloatMap() {
        byte[] good = FloatMaps.write(new FloatMap(2, 2, new float[]{1, 2, 3, 4}));
        assertThatThrownBy(() -> FloatMaps.read(new byte[5], "a.bin")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a.bin: not a float map: 5 bytes");
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertThatThrownBy(() -> FloatMaps.read(magic, "a.bin")).hasMessageContaining("magic");
        byte[] version = good.clone();
        version[4] = 9;
        assertThatThrownBy(() -> FloatMaps.read(version, "a.bin")).hasMessageContaining("version 9");
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 4);
        assertThatThrownBy(() -> FloatMaps.read(truncated, "a.bin")).hasMessageContaining("needs 36 bytes, the artifact has 32");
        byte[] negative = good.clone();
        negative[8] = (byte) 0xFF;
        negative[9] = (byte) 0xFF;
        negative[10] = (byte) 0xFF;
        negative[11] = (byte) 0xFF;
        assertThatThrownBy(() -> FloatMaps.read(negative, "a.bin")).hasMessageContaining("-1x2x1");
    }
}
