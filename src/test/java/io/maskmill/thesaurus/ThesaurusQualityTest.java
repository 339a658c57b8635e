package io.maskmill.thesaurus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
}
