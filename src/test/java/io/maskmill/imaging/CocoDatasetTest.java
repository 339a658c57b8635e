package io.maskmill.imaging;

import io.maskmill.events.InvalidInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CocoDatasetTest {
    private static CocoDataset coco;

    @BeforeAll
    static void load() {
        coco = CocoDataset.read(SharedData.require(SharedData.COCO_INSTANCES));
    }

    @Test
    void readsAllRecordsOfCocoMini() {
        assertEquals(80, coco.images().size());
        assertEquals(80, coco.categories().size());
        assertEquals(739, coco.annotations().size());
        CocoDataset.Category person = coco.categories().get(0);
        assertEquals("person", person.name());
        int perImage = coco.images().stream().mapToInt(i -> coco.annotationsOf(i.id()).size()).sum();
        assertEquals(739, perImage);
    }

    @Test
    void rasterisedPolygonAreaMatchesAnnotatedAreaForEveryInstance() {
        List<String> failures = new ArrayList<>();
        double worst = 0;
        for (CocoDataset.Annotation a : coco.annotations()) {
            if (!(a.segmentation() instanceof CocoDataset.Polygons)) {
                continue;
            }
            int pixels = coco.mask(a).count(1);
            // COCO's area is the pixel count of pycocotools' rasterisation; allow 3 % or, for tiny objects,
            // the pixels a half-pixel shift of the outline could add or remove.
            double tolerance = Math.max(0.03 * a.area(), 0.5 * perimeter(a));
            double diff = Math.abs(pixels - a.area());
            worst = Math.max(worst, diff / a.area());
            if (diff > tolerance) {
                failures.add("annotation " + a.id() + ": " + pixels + " px vs area " + a.area());
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " instances off: " + failures);
    }

    @Test
    void crowdRleDecodesToAnnotatedBoxAndReEncodesIdentically() {
        int crowds = 0;
        for (CocoDataset.Annotation a : coco.annotations()) {
            if (a.segmentation() instanceof CocoDataset.Rle rle) {
                crowds++;
                LabelMask mask = coco.mask(a);
                // COCO's crowd "area" is not the RLE's pixel count (a known quirk of the 2017 files: 2442 px vs
                // area 3119 here), so the pixel count is checked against the runs and the orientation by the box.
                int ones = 0;
                for (int k = 1; k < rle.counts().length; k += 2) {
                    ones += rle.counts()[k];
                }
                assertEquals(ones, mask.count(1), "pixels of crowd annotation " + a.id());
                Box box = mask.box(1);
                assertArrayEquals(new double[]{box.x0(), box.y0(), box.width(), box.height()}, a.bbox(), 1.0,
                        "bbox of crowd annotation " + a.id());
                assertArrayEquals(rle.counts(), CocoRle.encode(mask), "re-encoding annotation " + a.id());
            }
        }
        assertEquals(8, crowds);
    }

    @Test
    void compressedRleRoundTripsRealAndRandomMasks() {
        for (CocoDataset.Annotation a : coco.annotations().subList(0, 60)) {
            LabelMask mask = coco.mask(a);
            String compressed = CocoRle.compress(CocoRle.encode(mask));
            assertEquals(mask, CocoRle.decode(CocoRle.decompress(compressed), mask.width(), mask.height()));
        }
        Random random = new Random(7);
        for (int t = 0; t < 50; t++) {
            int w = 1 + random.nextInt(40), h = 1 + random.nextInt(40);
            LabelMask mask = new LabelMask(w, h);
            double density = random.nextDouble();
            for (int i = 0; i < w * h; i++) {
                mask.labels()[i] = (byte) (random.nextDouble() < density ? 1 : 0);
            }
            int[] counts = CocoRle.encode(mask);
            assertArrayEquals(counts, CocoRle.decompress(CocoRle.compress(counts)));
            assertEquals(mask, CocoRle.decode(counts, w, h));
        }
    }

    @Test
    void compressedStringFormIsTheCocoOne() {
        // Worked by hand from the format: counts below 16 are one character ('0' + count).
        assertEquals("435", CocoRle.compress(new int[]{4, 3, 5}));
        // 40 = 8 + 1·32 → (8 | continuation 32) + 48 = 'X', then 1 + 48 = '1'; 100 → 'T', '3';
        // the fourth count 33 is stored as 33 − 40 = −7 → 25 + 48 = 'I' (bit 16 set: sign-extended on reading).
        assertEquals("0X1T3I", CocoRle.compress(new int[]{0, 40, 100, 33}));
        assertArrayEquals(new int[]{0, 40, 100, 33}, CocoRle.decompress("0X1T3I"));
        assertThrows(IllegalArgumentException.class, () -> CocoRle.decompress("0X"));
    }

    @Test
    void readsCompressedStringCountsFromJson() {
        LabelMask mask = new LabelMask(5, 4);
        mask.set(1, 1, 1);
        mask.set(1, 2, 1);
        mask.set(3, 0, 1);
        String rle = CocoRle.compress(CocoRle.encode(mask));
        String json = "{\"images\":[{\"id\":1,\"file_name\":\"a.jpg\",\"width\":5,\"height\":4}],"
                + "\"annotations\":[{\"id\":9,\"image_id\":1,\"category_id\":3,\"iscrowd\":1,\"area\":3,"
                + "\"bbox\":[1,0,3,3],\"segmentation\":{\"size\":[4,5],\"counts\":\"" + rle.replace("\\", "\\\\") + "\"}}],"
                + "\"categories\":[{\"id\":3,\"name\":\"car\"}]}";
        CocoDataset d = CocoDataset.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "inline.json");
        assertEquals(mask, d.mask(d.annotations().get(0)));
    }

    @Test
    void badFilesFailNamingTheElement() {
        String json = "{\"images\":[{\"id\":1,\"file_name\":\"a.jpg\",\"width\":5,\"height\":4}],"
                + "\"annotations\":[{\"id\":9,\"image_id\":1,\"category_id\":3,\"segmentation\":[[1,2,3,4,5]]}]}";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CocoDataset.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "bad.json"));
        assertTrue(e.getMessage().startsWith("bad.json: annotations[0] (id 9): segmentation polygon"), e.getMessage());

        InvalidInputException truncated = assertThrows(InvalidInputException.class, () -> CocoDataset.read(
                new ByteArrayInputStream("{\"images\":[{\"id\":1,".getBytes(StandardCharsets.UTF_8)), "cut.json"));
        assertTrue(truncated.getMessage().startsWith("cut.json: malformed"), truncated.getMessage());

        String orphan = "{\"images\":[],\"annotations\":[{\"id\":9,\"image_id\":4,\"category_id\":3,\"segmentation\":[[1,2,3,4,5,6]]}]}";
        InvalidInputException e2 = assertThrows(InvalidInputException.class, () -> CocoDataset.read(
                new ByteArrayInputStream(orphan.getBytes(StandardCharsets.UTF_8)), "orphan.json"));
        assertTrue(e2.getMessage().contains("refers to image 4"), e2.getMessage());
    }

    @Test
    void axisAlignedSquareCoversExactlyItsPixels() {
        LabelMask mask = Polygons.rasterize(List.of(new double[]{2, 3, 12, 3, 12, 13, 2, 13}), 20, 20);
        assertEquals(100, mask.count(1));
        assertEquals(new Box(2, 3, 12, 13), mask.box(1));
        // two overlapping polygons are united, not toggled
        LabelMask union = Polygons.rasterize(List.of(new double[]{0, 0, 10, 0, 10, 10, 0, 10},
                new double[]{5, 5, 15, 5, 15, 15, 5, 15}), 20, 20);
        assertEquals(175, union.count(1));
    }

    private static double perimeter(CocoDataset.Annotation a) {
        double p = 0;
        for (double[] xy : ((CocoDataset.Polygons) a.segmentation()).polygons()) {
            for (int i = 0, j = xy.length / 2 - 1; i < xy.length / 2; j = i++) {
                p += Math.hypot(xy[2 * i] - xy[2 * j], xy[2 * i + 1] - xy[2 * j + 1]);
            }
        }
        return p;
    }
}
