package io.maskmill.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.maskmill.imaging.Box;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;
import io.maskmill.testing.CpuOnnxRuntime;
import io.maskmill.runtime.ModelFileException;

/**
 * The ONNX scorer on a model with the FOPA contract whose answer is known ({@link BrightnessPlacementModel}:
 * the best centres are the brightest pixels), run by the real ONNX Runtime through the real placer.
 */
class OnnxPlacementScorerTest {
    static final List<String> CLASSES = List.of("dog", "cat");
    private static final int W = 320, H = 240;
    @RegisterExtension
    static final CpuOnnxRuntime ORT = new CpuOnnxRuntime();
    @TempDir
    static Path dir;

    /** A dark 320×240 scene with one bright rectangle; a dog (label 1) inside it where {@code dog} is not null. */
    static PlaceService.Background scene(Box bright, Box dog) {
        RgbImage image = new RgbImage(W, H);
        LabelMask mask = new LabelMask(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean lit = x >= bright.x0() && x < bright.x1() && y >= bright.y0() && y < bright.y1();
                for (int c = 0; c < 3; c++) {
                    image.set(x, y, c, lit ? 0.9f : 0.1f);
                }
                if (dog != null && x >= dog.x0() && x < dog.x1() && y >= dog.y0() && y < dog.y1()) {
                    mask.set(x, y, 1);
                }
            }
        }
        return new PlaceService.Background(image, mask, "dog", CLASSES);
    }

    /** A red disc of radius 20, labelled cat. */
    static ObjectSource cat() {
        RgbImage image = new RgbImage(60, 60);
        LabelMask mask = new LabelMask(60, 60);
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 60; x++) {
                image.set(x, y, 0, 0.8f);
                image.set(x, y, 1, 0.2f);
                image.set(x, y, 2, 0.2f);
                if ((x - 30) * (x - 30) + (y - 30) * (y - 30) <= 400) {
                    mask.set(x, y, 2);
                }
            }
        }
        return ObjectSource.of("cat", "s000002", image, mask);
    }

    private static PlaceService service(OnnxPlacementScorer scorer) {
        return new PlaceService(scorer, ScalePrior.loadDefault(), PlaceService.Settings.defaults().withArgmax(true));
    }

    static boolean centreWithin(Box box, Box region, int tolerance) {
        int cx = box.x0() + box.width() / 2, cy = box.y0() + box.height() / 2;
        return cx >= region.x0() - tolerance && cx < region.x1() + tolerance && cy >= region.y0() - tolerance
                && cy < region.y1() + tolerance;
    }

    @Test
    void placesWhereTheModelSaysWithinTheImageAndWithoutHidingTheDog() throws Exception {
        OnnxPlacementScorer scorer = new OnnxPlacementScorer(ORT.get().session(BrightnessPlacementModel.write(dir)), 16);
        assertEquals("onnx:fopa-brightness.onnx", scorer.id());
        PlaceService service = service(scorer);
        Box bright = new Box(190, 130, 300, 230), dog = new Box(215, 150, 265, 200);
        PlaceService.Background background = scene(bright, dog);
        Set<Box> boxes = new HashSet<>();
        for (long seed = 0; seed < 4; seed++) {
            PlaceResult result = service.place(background, List.of(cat()), seed);
            assertEquals(1, result.objects().size(), result.reason());
            PlacedObject cat = result.objects().get(0);
            Box box = cat.box();
            // bilinear resizing to 256² blurs the rectangle's edge by a pixel or two
            assertTrue(centreWithin(box, bright, 3), "centre of " + box + " is not on the bright " + bright);
            assertTrue(box.x0() >= 0 && box.y0() >= 0 && box.x1() <= W && box.y1() <= H, box + " leaves the image");
            assertEquals(0.0, cat.occlusion());
            assertEquals(dog.width() * dog.height(), result.mask().count(1), "the dog lost pixels");
            assertTrue(cat.score() > 0.8f, "score " + cat.score() + " is not the bright plateau's");
            boxes.add(box);
        }
        assertTrue(boxes.size() > 1, "the seeded jitter should spread ties on the plateau: " + boxes);

        // a bright corner: the best cells are at the border, the box still lies inside the image
        Box corner = new Box(0, 0, 70, 60);
        PlacedObject cat = service.place(scene(corner, null), List.of(cat()), 3).objects().get(0);
        assertTrue(centreWithin(cat.box(), corner, 3), cat.box() + " is not in the bright corner");
        assertTrue(cat.box().x0() >= 0 && cat.box().y0() >= 0, cat.box() + " leaves the image");
    }

    @Test
    void sameInputSameBytesAndUnusableScalesAreLeftOut() throws Exception {
        OnnxPlacementScorer scorer = new OnnxPlacementScorer(ORT.get().session(BrightnessPlacementModel.write(dir)), 16);
        PlaceService.Background background = scene(new Box(190, 130, 300, 230), new Box(215, 150, 265, 200));
        PlaceResult a = service(scorer).place(background, List.of(cat(), cat()), 9);
        PlaceResult b = service(scorer).place(background, List.of(cat(), cat()), 9);
        assertEquals(PlaceStage.objectsJson(a).length, PlaceStage.objectsJson(b).length);
        assertEquals(new String(PlaceStage.objectsJson(a)), new String(PlaceStage.objectsJson(b)));
        assertEquals(a.composite(), b.composite());
        assertEquals(a.mask(), b.mask());

        CutOut cut = CutOut.of("cat", cat().image(), cat().mask(), 2);
        Scales scales = Scales.of(cut.box(), W, H, 16, 16, 2.0);
        Scene scene = new Scene(background.image(), background.mask(), 1);
        ScoreMaps maps = scorer.score(new PlacementQuery(scene, cut, "cat", scales, null));
        for (int i = 0; i < 16; i++) {
            if (scales.usable()[i]) {
                assertEquals(FopaInputs.SIZE * FopaInputs.SIZE, maps.maps()[i].length);
            } else {
                assertNull(maps.maps()[i], "scale " + i + " is unusable");
            }
        }
    }

    @Test
    void aModelOffTheContractIsRefusedNamingTheFileAndWhatIsWrong() throws Exception {
        var small = assertThrows(ModelFileException.class, () -> new OnnxPlacementScorer(
                ORT.get().session(BrightnessPlacementModel.write(dir, "fopa-128.onnx", 128, 16, "heatmap")), 16));
        assertTrue(small.getMessage().contains("fopa-128.onnx") && small.getMessage().contains("'background'")
                && small.getMessage().contains("[1, 3, 256, 256]"), small.getMessage());

        var eight = assertThrows(ModelFileException.class, () -> new OnnxPlacementScorer(
                ORT.get().session(BrightnessPlacementModel.write(dir, "fopa-8.onnx", 256, 8, "heatmap")), 16));
        assertTrue(eight.getMessage().contains("'foreground'") && eight.getMessage().contains("[16, 3, 256, 256]")
                && eight.getMessage().contains("maskmill.place.scales"), eight.getMessage());

        var renamed = assertThrows(ModelFileException.class, () -> new OnnxPlacementScorer(
                ORT.get().session(BrightnessPlacementModel.write(dir, "fopa-scores.onnx", 256, 16, "scores")), 16));
        assertTrue(renamed.getMessage().contains("fopa-scores.onnx") && renamed.getMessage().contains("no output 'heatmap'"),
                renamed.getMessage());
    }

    @Test
    void stableScoresDropOnlyTheLastBits() {
        assertEquals(0.5f, OnnxPlacementScorer.stable(Math.nextUp(0.5f)));
        assertEquals(0.5f, OnnxPlacementScorer.stable(Math.nextDown(0.5f)));
        assertEquals(0f, OnnxPlacementScorer.stable(0f));
        float v = 0.123456f;
        assertTrue(Math.abs(OnnxPlacementScorer.stable(v) - v) <= v * 0x1p-16f);
    }
}
