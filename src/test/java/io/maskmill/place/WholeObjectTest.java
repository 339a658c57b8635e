package io.maskmill.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

class WholeObjectTest {
    private static final WholeObject.Criteria C = WholeObject.Criteria.defaults();

    private static void rect(LabelMask m, int x0, int y0, int x1, int y1, int label) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                m.set(x, y, label);
            }
        }
    }

    @Test
    void aFreeStandingObjectIsWhole() {
        LabelMask m = new LabelMask(200, 150);
        rect(m, 50, 30, 120, 110, 3);
        assertNull(WholeObject.problem(m, 3, null, C));
        WholeObject.Measures s = WholeObject.measure(m, 3, null);
        assertEquals(70 * 80, s.area());
        assertEquals(0, s.borderContact());
        assertEquals(1, s.mainPiece());
    }

    @Test
    void eachWayOfNotBeingWholeIsNamed() {
        LabelMask cut = new LabelMask(200, 150);
        rect(cut, 50, 60, 120, 150, 3); // runs off the bottom edge
        assertTrue(WholeObject.problem(cut, 3, null, C).startsWith("cut by the image border (runs along it for 22%"),
                WholeObject.problem(cut, 3, null, C));

        LabelMask two = new LabelMask(200, 150);
        rect(two, 20, 30, 70, 100, 3);
        rect(two, 110, 30, 160, 100, 3); // two people taken together as one
        assertTrue(WholeObject.problem(two, 3, null, C).startsWith("in pieces: the largest holds 50%"));

        LabelMask small = new LabelMask(200, 150);
        rect(small, 50, 30, 80, 110, 3);
        assertEquals("too small: 30x80 px, under 40 px a side", WholeObject.problem(small, 3, null, C));

        LabelMask behind = new LabelMask(200, 150), others = new LabelMask(200, 150);
        rect(behind, 50, 30, 120, 110, 3);
        rect(others, 40, 20, 130, 120, 1); // a larger object all around it (in front or behind: masks cannot say)
        rect(others, 50, 30, 120, 110, 0);
        assertEquals("mostly hidden: 100% of its outline borders other objects", WholeObject.problem(behind, 3, others, C));
    }

    @Test
    void theStageRefusesACutOffSourceWithTheReason() {
        LabelMask m = new LabelMask(200, 150);
        rect(m, 0, 40, 90, 120, 2); // a cat cut by the left edge
        PlaceService service = PlacementVerification.BuiltinDefaults.service(PlaceService.Settings.defaults());
        PlaceResult r = service.place(new PlaceService.Background(new RgbImage(320, 240), new LabelMask(320, 240), "dog",
                List.of("dog", "cat")), List.of(ObjectSource.of("cat", "s9", new RgbImage(200, 150), m)), 1);
        assertTrue(r.objects().isEmpty());
        assertTrue(r.reasons().get(0).startsWith("cat from sample s9: not a whole object to paste: cut by the image border"),
                r.reason());
    }
}
