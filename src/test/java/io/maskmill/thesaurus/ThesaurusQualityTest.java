package io.maskmill.thesaurus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.maskmill.imaging.EvaluationSplit;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThesaurusQualityTest {
    @Test
    void spearmanHandlesTies() {
        assertEquals(1.0, ThesaurusQuality.Spearman.correlation(new double[] {1, 2, 3}, new double[] {10, 20, 30}), 1e-12);
        assertEquals(-1.0, ThesaurusQuality.Spearman.correlation(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
        assertEquals(new double[] {1.5, 1.5, 3}[0], ThesaurusQuality.Spearman.ranks(new double[] {0, 0, 5})[0]);
    }

    @Test
    void theDefaultTableRanksCooccurringCocoClassesAboveChance() throws IOException {
        ThesaurusQuality.Summary s = ThesaurusQuality.evaluate(ThesaurusTable.loadDefault(),
                TestData.path("coco-mini/annotations/instances_train2017.json"));
        assertTrue(s.evaluated() > 50, "classes evaluated: " + s.evaluated());
        assertTrue(s.precisionAt3() > s.chancePrecisionAt3(), s.toString());
        assertTrue(s.spearman() > 0, s.toString());
    }

    @Test
    void splitsByImageIdAndReportsWithoutTheDominantClass() throws IOException {
        var path = TestData.path("coco-mini/annotations/instances_train2017.json");
        ThesaurusTable table = ThesaurusTable.loadDefault();
        ThesaurusQuality.Summary tune = ThesaurusQuality.evaluate(table, path, EvaluationSplit.TUNE);
        ThesaurusQuality.Summary report = ThesaurusQuality.evaluate(table, path, EvaluationSplit.REPORT);
        ThesaurusQuality.Summary all = ThesaurusQuality.evaluate(table, path, EvaluationSplit.ALL);
        assertEquals(all.images(), tune.images() + report.images());
        assertTrue(tune.images() > 0 && report.images() > 0);
        assertEquals("person", all.dominant());
        for (ThesaurusQuality.ClassResult r : all.classes()) {
            assertFalse(r.top3NoDominant().contains("person"), r.toString());
            assertEquals(3, r.top3NoDominant().size());
            // zero-similarity padding follows caption frequency, never the alphabet ("airplane, apple")
            assertFalse(r.top3().containsAll(List.of("airplane", "apple")), r.toString());
        }
        assertTrue(all.precisionAt3NoDominant() < all.precisionAt3(), "person earns part of precision@3");
        // the deterministic choice is the most precise and has no variety; warmer draws trade one for the other
        assertEquals(0, all.drawEntropy()[0], 1e-12);
        for (int t = 1; t < ThesaurusQuality.TEMPERATURES.length; t++) {
            assertTrue(all.drawEntropy()[t] > all.drawEntropy()[t - 1]);
            assertTrue(all.drawPrecision()[t] <= all.drawPrecision()[t - 1] + 1e-12);
        }
    }
}
