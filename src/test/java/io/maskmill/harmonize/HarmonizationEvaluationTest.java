package io.maskmill.harmonize;

import io.maskmill.imaging.SharedData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The objective check on real photos (a few held-out coco-mini images; the full table is in harmonize.md). */
class HarmonizationEvaluationTest {
    @Test
    void harmonizationCutsForegroundErrorOnRealPhotosAndBeatsReinhard() {
        List<HarmonizationEvaluation.Score> scores = HarmonizationEvaluation.evaluate(
                SharedData.require(SharedData.COCO_MINI),
                List.of(new RainHarmonizer(RainSettings.defaults()), new RainHarmonizer(RainSettings.reinhard())),
                2000, 42, i -> i % 2 == 1 && i < 16);
        HarmonizationEvaluation.Score rain = scores.get(0), reinhard = scores.get(1);
        assertTrue(rain.objects() >= 20, "objects evaluated: " + rain.objects());
        assertEquals(0, rain.passedThrough());
        assertTrue(rain.fMseAfter() < 0.9 * rain.fMseBefore(),
                "fMSE " + rain.fMseBefore() + " -> " + rain.fMseAfter());
        assertTrue(rain.psnrAfter() > rain.psnrBefore(), "PSNR " + rain.psnrBefore() + " -> " + rain.psnrAfter());
        assertTrue(rain.fMseAfter() < reinhard.fMseAfter(), "RAIN " + rain.fMseAfter() + " vs Reinhard " + reinhard.fMseAfter());
    }
}
