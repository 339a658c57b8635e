package io.maskmill.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.maskmill.imaging.SharedData;

/** The docs' verification on a smaller sample: real instances placed into real photos, checked against ground truth. */
class PlacementVerificationTest {
    private static final PlacementVerification COCO = new PlacementVerification(SharedData.require(SharedData.COCO_MINI));

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.3})
    void pastedMasksEqualTheTransformedGroundTruthAndTheLimitHolds(double limit) {
        PlaceService service = PlacementVerification.BuiltinDefaults.service(PlaceService.Settings.defaults().withMaxOcclusion(limit));
        PlacementVerification.Report report = COCO.run(service, 40, 7, 3);
        assertTrue(report.attempted() >= 60, "attempted " + report.attempted());
        assertTrue(report.placed() >= 0.9 * report.attempted(), report.table() + " " + report.skipped());
        assertEquals(1.0, report.minIoU(), 0.0, report.table());
        assertEquals(0, report.boxesOutside(), report.table());
        assertEquals(0, report.maskPixelsWrong(), report.table());
        assertEquals(0, report.imagePixelsChanged(), report.table());
        assertEquals(0, report.limitViolations(), report.table());
        assertTrue(report.worstOcclusion() <= limit, report.table());
        if (limit > 0) {
            assertTrue(report.worstOcclusion() > 0, "a limit of " + limit + " should let some pastes overlap");
        }
    }
}
