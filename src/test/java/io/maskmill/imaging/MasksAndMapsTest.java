package io.maskmill.imaging;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MasksAndMapsTest {
    @Test
    void boxCountSelectAndPaint() {
        LabelMask mask = new LabelMask(10, 8);
        mask.paint(Polygons.rasterize(java.util.List.of(new double[]{2, 1, 6, 1, 6, 4, 2, 4}), 10, 8), 3);
        assertEquals(12, mask.count(3));
        assertEquals(new Box(2, 1, 6, 4), mask.box(3));
        assertNull(mask.box(4));
        assertEquals(12, mask.select(3).count(1));
        assertEquals(new Box(0, 0, 8, 6), new Box(2, 1, 6, 4).expand(2, 8, 6));
    }

    @Test
    void iouCountsObjectsAndSkipsIgnore() {
        LabelMask a = new LabelMask(4, 1, new byte[]{1, 1, 0, 0});
        LabelMask b = new LabelMask(4, 1, new byte[]{0, 2, 2, 0});
        assertEquals(1 / 3.0, Masks.iou(a, b), 1e-12);
        LabelMask ignored = new LabelMask(4, 1, new byte[]{(byte) 255, 2, 0, 0});
        assertEquals(1.0, Masks.iou(a, ignored), 1e-12);
        assertEquals(1.0, Masks.iou(new LabelMask(4, 1), new LabelMask(4, 1)));
        assertThrows(IllegalArgumentException.class, () -> Masks.iou(a, new LabelMask(3, 1)));
    }

    @Test
    void bilinearResizeMatchesHalfPixelConvention() {
        FloatMap map = new FloatMap(2, 1, new float[]{0, 1});
        // 2 → 4: samples at -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to the last pixel)
        assertArrayEquals(new float[]{0, 0.25f, 0.75f, 1}, map.resizeBilinear(4, 1).values(), 1e-6f);
        FloatMap constant = new FloatMap(3, 3, new float[]{5, 5, 5, 5, 5, 5, 5, 5, 5});
        for (float v : constant.resizeBilinear(7, 2).values()) {
            assertEquals(5f, v, 1e-6f);
        }
        FloatMap down = new FloatMap(4, 2, new float[]{0, 1, 2, 3, 4, 5, 6, 7}).resizeBilinear(2, 1);
        assertArrayEquals(new float[]{2.5f, 4.5f}, down.values(), 1e-6f);
    }
}
