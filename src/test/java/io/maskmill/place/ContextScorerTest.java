package io.maskmill.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.maskmill.imaging.Box;
import io.maskmill.imaging.CocoDataset;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;
import io.maskmill.imaging.SharedData;

/** The context scorer's cues on a constructed scene, its statistics table, and the placer's draw ∝ F_h. */
class ContextScorerTest {
    static final int W = 320, H = 240;
    static final List<String> CLASSES = List.of("dining table", "cup", "person");

    /** A dining table (label 1) across the lower left, its top at row 150; a person (label 3) on the right. */
    static LabelMask scene() {
        LabelMask m = new LabelMask(W, H);
        for (int y = 150; y < H; y++) {
            for (int x = 0; x < 160; x++) {
                m.set(x, y, 1);
            }
        }
        for (int y = 60; y < 220; y++) {
            for (int x = 250; x < 300; x++) {
                m.set(x, y, 3);
            }
        }
        return m;
    }

    /** Cups stand near tables and low in the frame; nothing else is known. */
    static PlacementContext context() {
        return new PlacementContext(Map.of(PlacementContext.ALL, new PlacementContext.Position(100, 0.6, 0.2, 0.5, 0.25),
                "cup", new PlacementContext.Position(100, 0.65, 0.05, 0.5, 0.25)),
                Map.of("*\t*", new PlacementContext.Near(100, 30), "cup\tdining table", new PlacementContext.Near(100, 95)));
    }

    static PlacementQuery cupQuery(LabelMask mask) {
        LabelMask cupMask = new LabelMask(60, 60);
        for (int y = 10; y < 50; y++) {
            for (int x = 10; x < 50; x++) {
                cupMask.set(x, y, 1);
            }
        }
        CutOut cut = CutOut.of("cup", new RgbImage(60, 60), cupMask, 1);
        Scales scales = Scales.of(cut.box(), W, H, 16, 1, Double.MAX_VALUE);
        return new PlacementQuery(new Scene(new RgbImage(W, H), mask, 4), cut, "cup", scales, new SceneCues(100, true, 0),
                CLASSES);
    }

    /** The cue value of the candidate whose box is centred nearest (x, y) at scale i. */
    static float cue(ContextScorer.Cues cues, int k, int i, int x, int y) {
        int gx = (int) ((double) x * cues.gridWidth() / W), gy = (int) ((double) y * cues.gridHeight() / H);
        return cues.maps()[k][i][gy * cues.gridWidth() + gx];
    }

    static int cueIndex(String name) {
        return ContextScorer.CUES.indexOf(name);
    }

    @Test
    void eachCuePrefersWhatItSays() {
        ScalePrior prior = ScalePrior.loadDefault();
        ContextScorer scorer = new ContextScorer(prior, context(), ContextScorer.Settings.defaults(Set.of()).withNeighbourWeight(0));
        PlacementQuery q = cupQuery(scene());
        ContextScorer.Cues cues = scorer.cues(q);
        int i = 2; // 3/18 of the width: a 53 px cup box
        int half = q.scales().height()[i] / 2;
        // near: beside the table (standing on it, bottom at row 150) beats the empty top left
        float byTable = cue(cues, cueIndex("near"), i, 80, 150 - half), far = cue(cues, cueIndex("near"), i, 80, 40);
        assertTrue(byTable > far + 1, "near the dining table " + byTable + " vs far from it " + far);
        // free: a box over the person is penalised, the same row on the empty middle is not
        float overPerson = cue(cues, cueIndex("free"), i, 275, 130), empty = cue(cues, cueIndex("free"), i, 200, 130);
        assertEquals(0, empty, 1e-6);
        assertTrue(overPerson < Math.log(0.5), "over the person " + overPerson);
        // position: bottom at 0.65·H (the cup's mean) beats bottom at 0.3·H
        float atMean = cue(cues, cueIndex("position"), i, 160, (int) (0.65 * H) - half);
        float high = cue(cues, cueIndex("position"), i, 160, (int) (0.3 * H) - half);
        assertTrue(atMean > high + 5, "bottom at the class's mean row " + atMean + " vs high " + high);
        // support: standing on the table top beats standing on the person
        float onTable = cue(cues, cueIndex("support"), i, 80, 150 - half), onPerson = cue(cues, cueIndex("support"), i, 275, 100);
        assertTrue(onTable > onPerson + 2, "on the table " + onTable + " vs on the person " + onPerson);
        // size: the scale nearest the cup's median size beats the largest scale
        double medianR = prior.of("cup").median();
        int best = -1;
        for (int s = 0; s < 16; s++) {
            double r = Math.sqrt(q.object().maskArea() / (double) (q.object().box().width() * q.object().box().height())
                    * q.scales().width()[s] * q.scales().height()[s] / (W * H));
            if (best < 0 || Math.abs(Math.log(r / medianR)) < Math.abs(Math.log(
                    Math.sqrt((double) q.scales().width()[best] * q.scales().height()[best] / (W * H)) / medianR))) {
                best = s;
            }
        }
        assertTrue(cue(cues, cueIndex("size"), best, 160, 120) > cue(cues, cueIndex("size"), 15, 160, 120));
    }

    @Test
    void theWeightsCombineLogCuesAndTheUniformShareFlattens() {
        ContextScorer scorer = new ContextScorer(ScalePrior.loadDefault(), context(), ContextScorer.Settings.defaults(Set.of()));
        PlacementQuery q = cupQuery(scene());
        ContextScorer.Cues cues = scorer.cues(q);
        int i = 2, a = 20 * cues.gridWidth() + 30, b = 70 * cues.gridWidth() + 30;
        ContextScorer.Weights nearOnly = new ContextScorer.Weights(0, 0, 0, 1, 0);
        ScoreMaps maps = cues.combine(nearOnly);
        // F_h ratio of two cells = exp of the weighted cue difference
        assertEquals(Math.exp(cues.maps()[3][i][a] - cues.maps()[3][i][b]), maps.maps()[i][a] / maps.maps()[i][b], 1e-3);
        ScoreMaps flat = cues.combine(nearOnly.withUniform(1));
        assertEquals(flat.maps()[i][a], flat.maps()[i][b], 0);
        assertEquals(1f, flat.maps()[i][a], 1e-6f);
        // a half uniform share: every inside cell keeps at least half the uniform value
        ScoreMaps mixed = cues.combine(nearOnly.withUniform(0.5));
        for (float[] m : mixed.maps()) {
            if (m != null) {
                for (int c = 0; c < m.length; c++) {
                    assertTrue(m[c] == 0 || m[c] >= 0.5f - 1e-6f);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new ContextScorer.Weights(1, 1, 1, 1, 1, 1.5));
    }

    @Test
    void theTableIsDerivedFromAnnotationsShrunkAndRoundTrips() throws IOException {
        // one 200x200 image: a cup (bottom at 0.8, centre x 0.3) on a table, and a distant person
        var images = List.of(new CocoDataset.Image(2, "a.jpg", 200, 200));
        var categories = List.of(new CocoDataset.Category(1, "cup", "kitchen"), new CocoDataset.Category(2, "dining table", "furniture"),
                new CocoDataset.Category(3, "person", "person"));
        var annotations = List.of(ann(1, 1, 40, 80, 40, 80), ann(2, 2, 0, 160, 200, 40), ann(3, 3, 160, 0, 40, 80));
        String text = PlacementContext.derive(new CocoDataset(images, categories, annotations), "test");
        PlacementContext t = PlacementContext.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test");
        assertTrue(text.contains("position\tcup\t1\t0.8000\t0.0000\t0.3000\t0.0000"), text);
        assertTrue(text.contains("near\tcup\tdining table\t1\t1"), text);
        assertTrue(text.contains("near\tcup\tperson\t1\t0"), text);
        // n = 1 is shrunk most of the way to the all-class row
        double all = (0.8 + 1.0 + 0.4) / 3;
        assertEquals((0.8 + 5 * all) / 6, t.position("cup").bottom(), 1e-4);
        assertTrue(t.near("cup", "dining table") > t.near("cup", "person"));
        assertEquals(t.near("unicorn", "cup"), t.near("cup", "unicorn"), 1e-12, "unknown pairs get the overall rate");
        var bad = new ByteArrayInputStream("position\tcup\t1\t0.5\n".getBytes(StandardCharsets.UTF_8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlacementContext.read(bad, "t.tsv"));
        assertTrue(e.getMessage().startsWith("t.tsv line 1: "), e.getMessage());
    }

    private static CocoDataset.Annotation ann(long id, int category, double x, double y, double w, double h) {
        return new CocoDataset.Annotation(id, 2, category, w * h, new double[] {x, y, w, h}, false,
                new CocoDataset.Polygons(List.of(new double[] {x, y, x + w, y, x + w, y + h, x, y + h})));
    }

    @Test
    void shippedTableIsWhatTheDocumentedCommandDerivesFromCocoMini() throws IOException {
        String derived = PlacementContext.derive(CocoDataset.read(SharedData.require(SharedData.COCO_INSTANCES)),
                "instances_train2017.json");
        try (InputStream in = PlacementContext.class.getResourceAsStream(PlacementContext.RESOURCE)) {
            assertEquals(derived, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void drawPlacesInProportionToTheScore() {
        // two allowed centres on an empty scene, F_h 3 : 1, everything else 0: the draw picks the first ~75 % of the time
        LabelMask objectMask = new LabelMask(20, 20);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                objectMask.set(x, y, 1);
            }
        }
        CutOut cut = CutOut.of("cup", new RgbImage(20, 20), objectMask, 1);
        Scales scales = Scales.of(new Box(0, 0, 20, 20), 160, 120, 1, 1, Double.MAX_VALUE);
        float[] map = new float[32 * 24];
        map[10 * 32 + 8] = 3;
        map[10 * 32 + 24] = 1;
        ScoreMaps maps = new ScoreMaps(32, 24, new float[][] {map});
        Placer placer = new Placer(Placer.Selection.DRAW, 50, 0, 0, 0.1);
        int first = 0, n = 400;
        SplittableRandom random = new SplittableRandom(7);
        for (int t = 0; t < n; t++) {
            Placer.Placement p = placer.place(maps, scales, cut, new Scene(new RgbImage(160, 120), new LabelMask(160, 120), 4),
                    random.split());
            first += p.box().score() == 3f ? 1 : 0;
            assertTrue(p.box().score() > 0, "a zero-score cell is drawn only after every positive one");
        }
        assertEquals(0.75, first / (double) n, 0.07);
    }
}
