package io.maskmill.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.maskmill.imaging.Box;
import io.maskmill.imaging.EvaluationSplit;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.SharedData;

class PlacementPlausibilityTest {
    @Test
    void randomRecallIsExactHypergeometric() {
        // 1 finder among 4, 2 picks: miss both = 3/4 * 2/3 = 1/2
        assertEquals(0.5, PlacementPlausibility.missAll(4, 1, 2), 1e-12);
        assertEquals(0, PlacementPlausibility.missAll(4, 3, 2), 1e-12);
        assertEquals(1, PlacementPlausibility.missAll(10, 0, 5), 1e-12);
    }

    @Test
    void aScorerPeakedOnTheRealBoxRanksItFirstAndAFlatOneLikeRandom() {
        Box real = new Box(40, 30, 80, 70);
        Scales scales = Scales.of(new Box(0, 0, 40, 40), 160, 120, 16, 1, Double.MAX_VALUE);
        int gw = 32, gh = 24;
        float[][] peaked = new float[16][], flat = new float[16][];
        for (int i = 0; i < 16; i++) {
            peaked[i] = new float[gw * gh];
            flat[i] = new float[gw * gh];
            java.util.Arrays.fill(flat[i], 1f);
        }
        ScoreMaps layout = new ScoreMaps(gw, gh, peaked);
        // the scale whose box is 40 px and the cell whose centre is (60, 50)
        int s = -1;
        for (int i = 0; i < 16; i++) {
            if (scales.width()[i] >= 38 && scales.width()[i] <= 42) {
                s = i;
            }
        }
        int gx = 12, gy = 10; // centre (⌊12.5·5⌋, ⌊10.5·5⌋) = (62, 52)
        peaked[s][gy * gw + gx] = 1;
        var best = PlacementPlausibility.rank(1, "cup", layout, scales, 160, 120, real, false);
        assertEquals(1, best.rank(), 1e-12);
        assertEquals(1, best.found()[0]);
        var even = PlacementPlausibility.rank(1, "cup", new ScoreMaps(gw, gh, flat), scales, 160, 120, real, false);
        var random = PlacementPlausibility.rank(1, "cup", new ScoreMaps(gw, gh, flat), scales, 160, 120, real, true);
        assertEquals(random.rank(), even.rank(), 1e-9, "a flat scorer is a random order");
    }

    @Test
    void supportSurfacesCarryObjectsAndOtherObjectsDoNot() {
        // a table top (label 1) on the left, scissors (label 2) on the right, both above the horizon band
        LabelMask mask = new LabelMask(200, 150);
        for (int y = 60; y < 150; y++) {
            for (int x = 0; x < 100; x++) {
                mask.set(x, y, 1);
            }
            for (int x = 100; x < 200; x++) {
                mask.set(x, y, 2);
            }
        }
        var support = new BuiltinScorer.Support(mask, List.of("dining table", "scissors"), BuiltinScorer.SUPPORT_SURFACES);
        float ground = 0.05f; // above the horizon: ground alone would hardly support
        assertEquals(1f, support.score(20, 60, 40, ground), 1e-6, "on the table");
        assertEquals(BuiltinScorer.ON_AN_OBJECT, support.score(130, 60, 40, ground), 1e-6, "on the scissors");
        assertEquals(ground, support.score(20, 30, 40, ground), 1e-6, "on the scene: the horizon decides");
    }

    @Test
    void neighboursSuggestASizeThatGrowsBelowTheHorizon() {
        LabelMask mask = new LabelMask(200, 150);
        for (int y = 80; y < 120; y++) {
            for (int x = 50; x < 90; x++) {
                mask.set(x, y, 1); // a 40x40 dog standing at row 120
            }
        }
        ScalePrior prior = ScalePrior.loadDefault();
        var n = BuiltinScorer.Neighbours.of(mask, List.of("dog"), prior, prior.of("person").mu());
        double r = Math.sqrt(1600.0 / (200 * 150));
        double flat = n.expectedLogSize(120, 60, false);
        assertEquals(Math.log(r) + prior.of("person").mu() - prior.of("dog").mu(), flat, 1e-9);
        // twice as far below the horizon as the dog's feet: twice as large (Hoiem et al.)
        assertEquals(flat + Math.log(2), n.expectedLogSize(180, 60, true), 1e-9);
        assertTrue(BuiltinScorer.Neighbours.of(new LabelMask(200, 150), List.of("dog"), prior, 0).isEmpty());
        assertTrue(new BuiltinScorer.Settings(128, 0.5, Set.of()).neighbourWeight() > 0);
    }

    @Test
    void onRealScenesTheContextScorerRanksRealLocationsAboveTheFreeSpaceScorerAndRandom() {
        // coco-mini's report split (odd ids), statistics from the tune split only, as the documented evaluation
        var eval = new PlacementPlausibility(SharedData.require(SharedData.COCO_INSTANCES),
                SharedData.require(SharedData.COCO_IMAGES));
        ScalePrior prior = eval.prior(EvaluationSplit.TUNE);
        PlacementContext context = eval.context(EvaluationSplit.TUNE);
        var scorers = new java.util.LinkedHashMap<String, PlacementScorer>();
        scorers.put("free-space", new BuiltinScorer(prior, new BuiltinScorer.Settings(128, 0.5, PlacementPlausibility.AIRBORNE)));
        scorers.put("context", new ContextScorer(prior, context, ContextScorer.Settings.defaults(PlacementPlausibility.AIRBORNE)));
        var ranked = eval.run(EvaluationSplit.REPORT, prior, scorers);
        var old = PlacementPlausibility.summarise("free-space", ranked.get("free-space"));
        var oldDrawn = PlacementPlausibility.summarise("free-space drawn", ranked.get("free-space" + PlacementPlausibility.DRAWN));
        var now = PlacementPlausibility.summarise("context drawn", ranked.get("context" + PlacementPlausibility.DRAWN));
        var random = PlacementPlausibility.summarise("random", ranked.get("uniform random"));
        assertTrue(now.objects() > 150, "objects: " + now.objects());
        assertTrue(now.meanRank() < old.meanRank() && now.meanRank() < oldDrawn.meanRank(),
                "context " + now.meanRank() + " vs free-space " + old.meanRank() + " (drawn " + oldDrawn.meanRank() + ")");
        assertTrue(now.meanRank() < random.meanRank() && now.medianRank() < random.medianRank(),
                "context " + now.meanRank() + "/" + now.medianRank() + " vs random " + random.meanRank() + "/" + random.medianRank());
        assertTrue(now.recall()[2] > random.recall()[2], "recall@50 " + now.recall()[2] + " vs random " + random.recall()[2]);
    }
}
