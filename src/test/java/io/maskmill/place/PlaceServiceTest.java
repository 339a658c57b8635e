package io.maskmill.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.maskmill.imaging.Box;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;
import io.maskmill.imaging.SharedData;

/** The service on real photos and on the bad inputs the stage must survive. */
class PlaceServiceTest {
    private static final PlacementVerification COCO = new PlacementVerification(SharedData.require(SharedData.COCO_MINI));
    private static final List<String> CLASSES = List.of("dog", "cat");

    private static PlaceService service(PlaceService.Settings settings) {
        return PlacementVerification.BuiltinDefaults.service(settings);
    }

    /** A real photo (the first trial's target) with its ground truth. */
    private static PlaceService.Background realScene() {
        return COCO.background(COCO.trial(3, 1).target());
    }

    private static ObjectSource realObject(long seed) {
        return COCO.object(COCO.trial(seed, 1).objects().get(0));
    }

    @Test
    void sameSeedSameResultAndSeedsSpreadThePlacements() {
        PlaceService service = service(PlaceService.Settings.defaults());
        PlaceService.Background scene = realScene();
        ObjectSource object = realObject(11);
        PlaceResult a = service.place(scene, List.of(object), 42), b = service.place(scene, List.of(object), 42);
        assertEquals(a.objects().get(0).box(), b.objects().get(0).box());
        assertEquals(a.composite(), b.composite());
        assertEquals(a.mask(), b.mask());
        Set<Box> boxes = new HashSet<>();
        for (long seed = 0; seed < 12; seed++) {
            boxes.add(service.place(scene, List.of(object), seed).objects().get(0).box());
        }
        assertTrue(boxes.size() >= 6, "12 seeds gave only " + boxes.size() + " distinct boxes: " + boxes);
    }

    @Test
    void argmaxTakesTheBestScoredBox() {
        PlaceService.Background scene = realScene();
        ObjectSource object = realObject(11);
        PlaceService argmax = service(PlaceService.Settings.defaults().withArgmax(true));
        PlaceService sampled = service(PlaceService.Settings.defaults());
        float best = argmax.place(scene, List.of(object), 1).objects().get(0).score();
        for (long seed = 0; seed < 5; seed++) {
            assertTrue(sampled.place(scene, List.of(object), seed).objects().get(0).score() <= best * 1.0501f);
        }
    }

    @Test
    void laterObjectsSeeTheEarlierOnesAndNeverHideThem() {
        PlaceService service = service(PlaceService.Settings.defaults());
        PlaceService.Background scene = realScene();
        List<ObjectSource> objects = List.of(realObject(11), realObject(12), realObject(13));
        PlaceResult result = service.place(scene, objects, 5);
        assertEquals(3, result.objects().size(), result.reason());
        for (PlacedObject o : result.objects()) {
            assertEquals(0.0, o.occlusion());
            assertTrue(o.area() > 0);
            // nothing pasted later covers it: its visible pixels are all of its matte's pixels
            assertEquals(o.instance().count(1), result.pasted().count(o.index()));
        }
    }

    @Test
    void anObjectLargerThanTheBackgroundIsScaledDownToFitInside() {
        LabelMask mask = new LabelMask(600, 500);
        for (int y = 10; y < 490; y++) {
            for (int x = 20; x < 590; x++) {
                mask.set(x, y, 2);
            }
        }
        ObjectSource big = ObjectSource.of("cat", "s000009", new RgbImage(600, 500), mask);
        PlaceService.Background small = new PlaceService.Background(new RgbImage(120, 90), new LabelMask(120, 90),
                "dog", CLASSES);
        PlaceResult result = service(PlaceService.Settings.defaults()).place(small, List.of(big), 1);
        assertEquals(1, result.objects().size(), result.reason());
        Box box = result.objects().get(0).box();
        assertTrue(box.x0() >= 0 && box.y0() >= 0 && box.x1() <= 120 && box.y1() <= 90, box.toString());
    }

    @Test
    void badInputsPassTheSampleOnUneditedWithAReason() {
        PlaceService service = service(PlaceService.Settings.defaults());
        RgbImage image = new RgbImage(64, 48);
        LabelMask objectMask = new LabelMask(64, 48);
        objectMask.set(30, 20, 2);
        objectMask.set(31, 20, 2);

        // background image and mask of different sizes
        PlaceResult mismatch = service.place(new PlaceService.Background(image, new LabelMask(48, 64), "dog", CLASSES),
                List.of(ObjectSource.of("cat", "s1", image, objectMask)), 1);
        assertEquals(List.of("background image is 64x48 but its mask is 48x64: sample passed on unedited"),
                mismatch.reasons());
        assertEquals(image, mismatch.composite());
        assertEquals(new LabelMask(48, 64), mismatch.mask());

        PlaceService.Background background = new PlaceService.Background(image, new LabelMask(64, 48), "dog", CLASSES);
        // empty object mask; object image/mask mismatch; class not in the map; a load failure
        PlaceResult bad = service.place(background, List.of(
                ObjectSource.of("cat", "s2", image, new LabelMask(64, 48)),
                ObjectSource.of("cat", "s3", new RgbImage(10, 10), objectMask),
                ObjectSource.of("horse", "s4", image, objectMask),
                ObjectSource.failed("cat", "s5", "the sample has no optimize output")), 1);
        assertTrue(bad.objects().isEmpty());
        assertEquals(List.of("cat from sample s2: mask is empty (no pixel has label 2)",
                "cat from sample s3: image is 10x10 but its mask is 64x48",
                "horse from sample s4: class 'horse' is not in the job's class map [dog, cat]",
                "cat from sample s5: the sample has no optimize output",
                "no object could be placed: sample passed on unedited"), bad.reasons());
        assertEquals(image, bad.composite());
        assertEquals(new LabelMask(64, 48), bad.pasted());

        // the object would be under min-object-px at every scale of a tiny background
        PlaceResult tiny = service.place(new PlaceService.Background(new RgbImage(12, 9), new LabelMask(12, 9), "dog",
                COCO.classes()), List.of(realObject(11)), 1);
        assertTrue(tiny.objects().isEmpty());
        assertTrue(tiny.reasons().get(0).contains("no usable size"), tiny.reason());
    }

    @Test
    void noValidPositionWhenEveryPlaceWouldHideTheSceneObject() {
        LabelMask full = new LabelMask(80, 60);
        java.util.Arrays.fill(full.labels(), (byte) 1); // the dog covers the whole image
        ObjectSource cat = realObject(11);
        LabelMask catMask = cat.mask().copy();
        int catLabel = COCO.classes().indexOf(cat.className()) + 1;
        for (int i = 0; i < catMask.labels().length; i++) {
            catMask.labels()[i] = (catMask.labels()[i] & 0xFF) == catLabel ? (byte) 2 : 0;
        }
        PlaceService.Background covered = new PlaceService.Background(new RgbImage(80, 60), full, "dog", CLASSES);
        PlaceResult result = service(PlaceService.Settings.defaults()).place(covered,
                List.of(ObjectSource.of("cat", "s7", cat.image(), catMask)), 1);
        assertTrue(result.objects().isEmpty());
        assertTrue(result.reasons().get(0).contains("no valid position"), result.reason());
        assertTrue(result.reasons().get(0).contains("would hide more than 0% of an existing object"), result.reason());
        // with the limit lifted, the same object goes in and hides part of the dog
        PlaceResult allowed = service(PlaceService.Settings.defaults().withMaxOcclusion(1.0)).place(covered,
                List.of(ObjectSource.of("cat", "s7", cat.image(), catMask)), 1);
        assertEquals(1, allowed.objects().size());
        assertTrue(allowed.objects().get(0).occlusion() > 0);
    }

    @Test
    void debugOverlayShowsEveryObject() {
        PlaceService service = service(PlaceService.Settings.defaults().withDebugHeatmap(true));
        PlaceService.Background scene = realScene();
        PlaceResult result = service.place(scene, List.of(realObject(11), realObject(12)), 3);
        assertNotNull(result.heatmap());
        assertEquals(scene.image().width() * 2, result.heatmap().width());
        assertNotEquals(scene.image(), result.composite());
        assertFalse(result.objects().isEmpty());
    }
}
