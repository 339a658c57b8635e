package io.maskmill.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.maskmill.imaging.EvaluationSplit;
import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;
import io.maskmill.imaging.SharedData;

/** The pieces on their own, and the whole refinement against ground truth on real photos. */
class RefinementTest {
    @Test
    void defaultBeatsFixedThresholdAndTheSameSnapAndCleanUpOnUnseenPhotos() {
        // report-split images (odd ids), which no parameter was chosen on; the baselines at the thresholds the
        // tune split chose for them (optimize.md)
        List<RefinementEvaluation.Case> cases = RefinementEvaluation.cases(
                EvaluationSplit.CocoSet.under(SharedData.require(SharedData.COCO_MINI)), EvaluationSplit.REPORT, 0.02, 16);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(25);
        MaskOptimizer clean = MaskOptimizer.defaults();
        DenseCrf crf = DenseCrf.defaults();
        AttentionRefinement defaults = AttentionRefinement.defaults();
        List<RefinementEvaluation.Row> rows = RefinementEvaluation.evaluate(cases, List.of(
                RefinementEvaluation.Method.fixed("fixed", (c, t) -> ThresholdSweep.candidate(c.attention(), TUNED_FIXED)),
                RefinementEvaluation.Method.fixed("fixed + snap + clean-up", (c, t) -> clean.clean(crf.refine(
                        new RefinementInput(c.image(), c.attention(), null), TUNED_SNAP).mask())),
                RefinementEvaluation.Method.fixed("default", (c, t) -> defaults.run(
                        new RefinementInput(c.image(), c.attention(), null), ThresholdSweep.Prior.NONE).mask())));
        double fixed = rows.get(0).report(), snapped = rows.get(1).report(), refined = rows.get(2).report();
        assertThat(refined).as("default %.4f vs fixed threshold %.4f", refined, fixed).isGreaterThan(fixed + 0.03);
        assertThat(refined).as("default %.4f vs fixed + snap + clean-up %.4f", refined, snapped).isGreaterThan(snapped);
    }

    /** The thresholds the tune split chose for the plain fixed threshold and for fixed + CRF snap + clean-up. */
    static final double TUNED_FIXED = 0.47, TUNED_SNAP = 0.45;

    @Test
    void sweepPicksTheThresholdThatMatchesTheReferenceAndThePriorBendsTies() {
        // a ramp 0..1 along x: the candidate at γ is the columns x/w >= γ
        int w = 100, h = 4;
        float[] a = new float[w * h];
        byte[] ref = new byte[w * h];
        for (int p = 0; p < a.length; p++) {
            a[p] = (p % w) / (float) (w - 1);
            ref[p] = a[p] >= 0.42f ? (byte) 1 : 0;
        }
        ThresholdSweep sweep = ThresholdSweep.paper();
        ThresholdSweep.Result r = sweep.sweep(new FloatMap(w, h, a), new LabelMask(w, h, ref), ThresholdSweep.Prior.NONE);
        assertThat(r.threshold()).isBetween(0.415, 0.425);
        assertThat(r.iou()).isEqualTo(1.0);
        // with a strong prior far away, the choice moves toward it
        ThresholdSweep.Result pulled = new ThresholdSweep(0.35, 0.54, 0.01, 5, 0)
                .sweep(new FloatMap(w, h, a), new LabelMask(w, h, ref), new ThresholdSweep.Prior(0.54, 50));
        assertThat(pulled.threshold()).isGreaterThan(r.threshold());
    }

    @Test
    void maskOptimizationRefillsSpecksFillsHolesAndDropsTinyBoxes() {
        LabelMask m = new LabelMask(64, 64);
        for (int y = 10; y < 50; y++) for (int x = 10; x < 50; x++) m.set(x, y, 1);
        for (int y = 25; y < 35; y++) for (int x = 25; x < 35; x++) m.set(x, y, 0);  // a 100 px hole
        m.set(12, 12, 0);                                                          // a 1 px speck of background
        m.set(60, 60, 1);                                                          // a 1 px object far away
        for (int y = 0; y < 3; y++) for (int x = 58; x < 64; x++) m.set(x, y, 1);  // an 18 px sliver: tiny box
        LabelMask clean = new MaskOptimizer(5, 1500, 0.5).clean(m);
        assertThat(clean.get(30, 30)).isEqualTo(1);
        assertThat(clean.get(12, 12)).isEqualTo(1);
        assertThat(clean.get(60, 60)).isZero();
        assertThat(clean.get(60, 1)).isZero(); // 18 px box < 1500·64²/512² ≈ 23 px
        assertThat(clean.count(1)).isEqualTo(40 * 40);
    }

    @Test
    void logitsBelowHalfConfidenceBecomeBackground() {
        // 2 pixels, 3 channels: pixel 0 confidently class 2, pixel 1 a near tie
        float[] logits = {0, 0, 0, 0, 5, 1, 0.1f, 0, 0.2f, 0.1f};
        io.maskmill.imaging.FloatMaps.Planes planes = new io.maskmill.imaging.FloatMaps.Planes(2, 1, 5, logits);
        float[] conf = new float[2];
        LabelMask labels = MaskOptimizer.defaults().labelsFromLogits(planes, conf);
        assertThat(labels.get(0, 0)).isEqualTo(2);
        assertThat(conf[0]).isGreaterThan(0.9f);
        assertThat(labels.get(1, 0)).isZero();
        assertThat(conf[1]).isLessThan(0.5f);
    }

    @Test
    void propagationUsesTheGivenSelfAttention() {
        // 4×4 grid: self-attention joins the left half into one block and the right half into another
        int n = 16;
        float[] m = new float[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
            m[i * n + j] = ((i % 4) < 2) == ((j % 4) < 2) ? 1 / 8f : 0;
        }
        float[] a = new float[64 * 64];
        for (int p = 0; p < a.length; p++) a[p] = (p % 64) < 16 ? 1 : 0; // only the leftmost quarter lit
        Reference ref = SelfAttentionPropagation.defaults().refine(new RefinementInput(new RgbImage(64, 64),
                new FloatMap(64, 64, a), new SelfAttention(4, 4, m)));
        assertThat(ref.mask().get(20, 30)).isEqualTo(1);  // the left half's block took the score
        assertThat(ref.mask().get(50, 30)).isZero();
    }

    @Test
    void gateKeepsDuringWarmupThenRanksAndEnforcesAreaLimits() {
        QualityGate gate = new QualityGate(0.7, 3, 0.01, 0.9);
        RgbImage image = new RgbImage(20, 20);
        LabelMask mask = new LabelMask(20, 20);
        for (int y = 5; y < 15; y++) for (int x = 5; x < 15; x++) mask.set(x, y, 1);
        assertThat(gate.judge(mask, 1, image, 0.2, gate.ranking(new double[]{0.9, 0.9})).kept()).isTrue();
        QualityGate.Verdict ranked = gate.judge(mask, 1, image, 0.2, gate.ranking(new double[]{0.9, 0.8, 0.95, 0.85}));
        assertThat(ranked.kept()).isFalse();
        assertThat(ranked.reason()).contains("below this class's cut").contains("4 earlier samples");
        assertThat(gate.judge(new LabelMask(20, 20), 1, image, 1, gate.ranking(new double[0])).reason())
                .contains("no pixels of its class");
        LabelMask full = new LabelMask(20, 20);
        full.paint(new LabelMask(20, 20, filled(400)), 1);
        assertThat(gate.judge(full, 1, image, 1, gate.ranking(new double[0])).reason()).contains("covers 100.0 %");
    }

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 1);
        return b;
    }
}
