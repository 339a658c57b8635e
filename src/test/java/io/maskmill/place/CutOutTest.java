package io.maskmill.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.maskmill.imaging.Box;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;
import io.maskmill.imaging.SharedData;

/** Cut-outs of real COCO instances: the matte's ≥ ½ region is the scaled mask exactly, at any feather width. */
class CutOutTest {
    private static final PlacementVerification COCO = new PlacementVerification(SharedData.require(SharedData.COCO_MINI));

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 7})
    void matteAtLeastHalfIsExactlyTheMask(int featherPx) {
        for (int k = 0; k < 6; k++) {
            PlacementVerification.Trial trial = COCO.trial(100 + k, 1);
            ObjectSource source = COCO.object(trial.objects().get(0));
            int label = COCO.classes().indexOf(source.className()) + 1;
            CutOut cut = CutOut.of("test", source.image(), source.mask(), label);
            for (double factor : new double[] {0.3, 1.0, 1.7}) {
                int w = Math.max(1, (int) (cut.box().width() * factor)), h = Math.max(1, (int) (cut.box().height() * factor));
                ScaledCutOut scaled = ScaledCutOut.of(cut, w, h, featherPx);
                byte[] mask = scaled.mask();
                float[] alpha = scaled.alpha();
                int area = 0;
                for (int i = 0; i < mask.length; i++) {
                    assertEquals(mask[i] != 0, alpha[i] >= 0.5f, "pixel " + i + " at feather " + featherPx);
                    assertTrue(alpha[i] >= 0 && alpha[i] <= 1);
                    area += mask[i];
                }
                assertEquals(scaled.area(), area);
                // the mask is the documented nearest-neighbour transform of the source mask
                byte[] expected = PlacementVerification.transformed(cut.mask(), new Box(0, 0, w, h), w, h);
                int m = scaled.margin(), cw = scaled.canvasWidth();
                for (int v = 0; v < h; v++) {
                    for (int u = 0; u < w; u++) {
                        assertEquals(expected[v * w + u], mask[(v + m) * cw + m + u]);
                    }
                }
            }
        }
    }

    @Test
    void featherIsSoftOnBothSidesOfTheEdge() {
        LabelMask mask = new LabelMask(40, 40);
        for (int y = 10; y < 30; y++) {
            for (int x = 10; x < 30; x++) {
                mask.set(x, y, 3);
            }
        }
        CutOut cut = CutOut.of("square", new RgbImage(40, 40), mask, 3);
        assertEquals(new Box(10, 10, 30, 30), cut.box());
        ScaledCutOut scaled = ScaledCutOut.of(cut, 20, 20, 4);
        assertEquals(2, scaled.margin());
        int cw = scaled.canvasWidth(), row = (2 + 10) * cw;
        // a row through the middle: outside 0, ramp 0.125 0.375 | 0.625 0.875, then 1
        float[] a = scaled.alpha();
        assertEquals(0.125f, a[row], 1e-6);
        assertEquals(0.375f, a[row + 1], 1e-6);
        assertEquals(0.625f, a[row + 2], 1e-6);
        assertEquals(0.875f, a[row + 3], 1e-6);
        assertEquals(1f, a[row + 4], 1e-6);
    }

    @Test
    void emptyMaskAndSizeMismatchAreReasonsThatSayWhat() {
        RgbImage image = new RgbImage(20, 10);
        Unplaceable empty = assertThrows(Unplaceable.class, () -> CutOut.of("cat from sample s1", image,
                new LabelMask(20, 10), 2));
        assertEquals("cat from sample s1: mask is empty (no pixel has label 2)", empty.getMessage());
        Unplaceable mismatch = assertThrows(Unplaceable.class, () -> CutOut.of("cat from sample s1", image,
                new LabelMask(10, 20), 2));
        assertEquals("cat from sample s1: image is 20x10 but its mask is 10x20", mismatch.getMessage());
    }
}
