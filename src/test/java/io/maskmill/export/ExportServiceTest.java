package io.maskmill.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.DatasetExported;
import io.maskmill.events.InvalidInputException;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.LocalArtifactStore;
import io.maskmill.store.NoSuchArtifactException;

class ExportServiceTest {
    @TempDir
    Path tmp;
    LocalArtifactStore store;
    ExportService exports;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() {
        store = new LocalArtifactStore(tmp.resolve("store"), java.util.Set.of("maskmill"));
        exports = new ExportService(store, json, ExportSettings.defaults());
    }

    private SyntheticJob job(String id, int samples) {
        SyntheticJob job = new SyntheticJob(store, id);
        for (int i = 0; i < samples; i++) {
            job.add(i);
        }
        return job;
    }

    @Test
    void vocCocoAndManifestReadBackWithAnIndependentReader() throws IOException {
        SyntheticJob job = job("voc-1", 6);
        ExportService.Result result = exports.export("voc-1", null);
        assertEquals(6, result.images());
        assertTrue(result.problems().isEmpty(), result.problems().toString());

        JsonNode pointer = exports.current("voc-1").orElseThrow();
        String prefix = pointer.path("prefix").asText();
        assertEquals(result.prefix(), prefix);
        assertEquals(6, pointer.path("images").asInt());

        JsonNode coco = json.readTree(store.get(prefix + DatasetLayout.COCO));
        List<String> categories = new ArrayList<>();
        for (JsonNode c : coco.path("categories")) {
            assertEquals(categories.size() + 1, c.path("id").asInt(), "category ids are class-map order + 1");
            categories.add(c.path("name").asText());
        }
        assertEquals(SyntheticJob.CLASSES, categories);
        Map<Integer, String> fileOf = new HashMap<>();
        coco.path("images").forEach(i -> fileOf.put(i.path("id").asInt(), i.path("file_name").asText()));
        Map<String, List<JsonNode>> annotationsOf = new TreeMap<>();
        coco.path("annotations").forEach(a -> annotationsOf
                .computeIfAbsent(fileOf.get(a.path("image_id").asInt()), k -> new ArrayList<>()).add(a));

        List<String> train = new String(store.get(prefix + DatasetLayout.TRAIN_LIST), StandardCharsets.UTF_8).lines().toList();
        assertEquals(job.samples.stream().map(SyntheticJob.Sample::sampleId).toList(), train);
        for (SyntheticJob.Sample s : job.samples) {
            IndependentReader.PalettePng classPng = IndependentReader.palettePng(
                    store.get(prefix + DatasetLayout.CLASS_DIR + s.sampleId() + ".png"));
            for (int i : new int[] {0, 1, 2, 3, 15, 255}) {
                assertEquals(IndependentReader.vocColour(i), classPng.palette()[i], "VOC palette entry " + i);
            }
            assertEquals(0x800000, IndependentReader.vocColour(1));
            assertEquals(0xE0E0C0, IndependentReader.vocColour(255));
            int[] expected = new int[s.width() * s.height()];
            for (int p = 0; p < expected.length; p++) {
                expected[p] = s.semantic().labels()[p] & 0xFF;
            }
            assertArrayEquals(expected, classPng.indices(), s.sampleId() + " class indices");

            IndependentReader.PalettePng objectPng = IndependentReader.palettePng(
                    store.get(prefix + DatasetLayout.OBJECT_DIR + s.sampleId() + ".png"));
            List<JsonNode> annotations = annotationsOf.get(s.sampleId() + ".jpg");
            assertEquals(s.instances().size(), annotations.size(), s.sampleId() + " instances");
            for (int k = 0; k < annotations.size(); k++) {
                JsonNode a = annotations.get(k);
                SyntheticJob.Truth truth = s.instances().get(k);
                assertEquals(truth.label(), a.path("category_id").asInt());
                byte[] decoded = IndependentReader.decodeRle(a.path("segmentation").path("counts").asText(),
                        a.path("segmentation").path("size").get(0).asInt(), a.path("segmentation").path("size").get(1).asInt());
                assertArrayEquals(truth.mask().labels(), decoded, s.sampleId() + " RLE round trip of instance " + k);
                assertEquals(truth.mask().count(1), a.path("area").asInt());
                var box = truth.mask().box(1);
                assertEquals(List.of(box.x0(), box.y0(), box.width(), box.height()),
                        json.convertValue(a.path("bbox"), List.class));
                for (int p = 0; p < decoded.length; p++) {
                    if (decoded[p] == 1) {
                        assertEquals(k + 1, objectPng.indices()[p], "SegmentationObject index of instance " + k);
                    }
                }
            }
            for (int p = 0; p < expected.length; p++) {
                assertEquals(expected[p] == 255, objectPng.indices()[p] == 255, "ignore carried into SegmentationObject");
            }
            assertTrue(store.exists(prefix + DatasetLayout.JPEG_DIR + s.sampleId() + ".jpg"));
        }

        List<String> manifest = new String(store.get(prefix + DatasetLayout.MANIFEST), StandardCharsets.UTF_8).lines().toList();
        assertEquals(6, manifest.size());
        JsonNode first = json.readTree(manifest.get(0));
        assertEquals("a dog on grass", first.path("prompt").asText());
        assertEquals("1000", first.path("seed").asText());
        assertEquals("tiny-sd", first.path("model").asText());
        assertEquals("ddim", first.path("scheduler").asText());
        assertEquals("0.4", first.path("threshold").asText());
        assertEquals(0.05, first.path("quality").asDouble(), 1e-9);
        assertEquals("bird", first.path("edits").get(0).path("class").asText());
        assertEquals("s000999", first.path("edits").get(0).path("source").asText());
        assertEquals("rain", first.path("harmonization").path("harmonizer").asText());
        assertEquals("affinity", first.path("stages").path("optimize").path("params").path("refiner").asText());
        assertEquals("JPEGImages/s000000.jpg", first.path("image").asText());
        assertEquals(0, json.readTree(manifest.get(1)).path("edits").size(), "odd samples were not edited");
    }

    @Test
    void readsBackWithPythonAndPilWhenPresent() throws Exception {
        String python = pythonWithPil();
        Assumptions.assumeTrue(python != null, "no python3 with PIL installed (Debian: python3-pil)");
        SyntheticJob job = job("py-1", 5);
        exports.export("py-1", null);
        Path copy = tmp.resolve("copy");
        exports.copyCurrent("py-1", copy);
        Path script = tmp.resolve("read_dataset.py");
        Files.copy(getClass().getResourceAsStream("read_dataset.py"), script);
        Process p = new ProcessBuilder(python, script.toString(), copy.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        JsonNode summary = json.readTree(out);
        assertEquals(5, summary.path("images").asInt());
        int instances = job.samples.stream().mapToInt(s -> s.instances().size()).sum();
        assertEquals(instances, summary.path("annotations").asInt());
        assertEquals("[[1,\"dog\"],[2,\"cat\"],[3,\"bird\"]]", summary.path("categories").toString());
        int[] pixels = new int[256];
        job.samples.forEach(s -> { for (byte b : s.semantic().labels()) pixels[b & 0xFF]++; });
        for (int label : new int[] {0, 1, 2, 3, 255}) {
            assertEquals(pixels[label], summary.path("labelPixels").path(Integer.toString(label)).asInt(), "label " + label);
        }
    }

    /** The first python3 that can import PIL (the one on PATH, then Debian's), or null. */
    static String pythonWithPil() {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import PIL").redirectErrorStream(true).start();
                if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
            } catch (IOException e) {
                // not there: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    @Test
    void publishesWholeVersionsAndTheSameStateGivesTheSameBytes() {
        job("pub-1", 3);
        ExportService.Result a = exports.export("pub-1", null);
        byte[] cocoA = store.get(a.prefix() + DatasetLayout.COCO);
        ExportService.Result again = exports.export("pub-1", null);
        assertEquals(a.version(), again.version(), "same job state, same version");
        assertArrayEquals(cocoA, store.get(again.prefix() + DatasetLayout.COCO));

        new SyntheticJob(store, "pub-1").add(7);
        ExportService.Result b = exports.export("pub-1", null);
        assertNotEquals(a.version(), b.version());
        assertEquals(4, b.images());
        assertEquals(b.prefix(), exports.current("pub-1").orElseThrow().path("prefix").asText(), "pointer moved");
        assertArrayEquals(cocoA, store.get(a.prefix() + DatasetLayout.COCO), "the older version stays whole");

        ExportService.Result cocoOnly = exports.export("pub-1", List.of("COCO"));
        assertFalse(store.exists(cocoOnly.prefix() + DatasetLayout.TRAIN_LIST), "no VOC files when only coco is asked");
        assertTrue(store.exists(cocoOnly.prefix() + DatasetLayout.COCO));
        assertThrows(InvalidInputException.class, () -> exports.export("pub-1", List.of("yolo")));
        assertThrows(NoSuchArtifactException.class, () -> exports.export("no-such-job", null));
    }

    @Test
    void badInputIsReportedPerFileAndTheGoodSamplesAreExported() throws IOException {
        SyntheticJob job = job("bad-1", 6);
        job.reject(20, "quality 0.12 below 0.3");
        // corrupt image
        job.put("s000001", "harmonize", "image.png", "not a png at all".getBytes());
        // mask label outside the 3-class map
        LabelMask outside = job.samples.get(2).semantic().copy();
        outside.set(5, 5, 9);
        job.put("s000002", "place", "mask.png", LabelMasks.writeVocPng(outside));
        // a sample with another class map
        var header = new io.maskmill.events.SampleHeader("bad-1", "s000003", 1, "dog", List.of("dog", "horse", "bird"));
        JsonNode marker = json.readTree(store.get(ArtifactKeys.stageMarker("bad-1", "s000003", "harmonize")));
        job.marker("s000003", "harmonize", new io.maskmill.events.SampleCompleted(header,
                json.convertValue(marker.path("artifacts"), Map.class), Map.of()));
        // objects.json that is not JSON
        job.put("s000004", "place", "objects.json", "{oops".getBytes());

        DatasetExported event = new ExportFunction(exports).export(new io.maskmill.events.ExportRequested("bad-1", null));
        assertEquals(2, event.images(), "s000000 and s000005 are fine");
        assertEquals(4, event.problems().size(), event.problems().toString());
        String all = String.join("\n", event.problems());
        assertTrue(all.contains("s000001: " + store.uri(ArtifactKeys.stage("bad-1", "s000001", "harmonize", "image.png"))
                + ": image: not a PNG, JPEG, BMP or GIF image"), all);
        assertTrue(all.contains("s000002: ") && all.contains("label 9 at (5, 5) is outside the class map (3 classes"), all);
        assertTrue(all.contains("s000003: jobs/bad-1/samples/s000003/harmonize/event.json: class map mismatch"), all);
        assertTrue(all.contains("s000004: ") && all.contains("objects: not valid JSON"), all);

        JsonNode pointer = exports.current("bad-1").orElseThrow();
        assertEquals(4, pointer.path("problems").size());
        assertEquals(1, pointer.path("rejected").asInt());
        String html = new String(store.get(pointer.path("prefix").asText() + DatasetLayout.REPORT), StandardCharsets.UTF_8);
        assertTrue(html.contains("quality 0.12 below 0.3"), "rejection reason in the report");
        assertTrue(html.contains("class map mismatch"), "problem in the report");
        assertThrows(InvalidInputException.class,
                () -> new ExportFunction(exports).export(new io.maskmill.events.ExportRequested("nope", null)));
    }

    @Test
    void copiesThePublishedDatasetIntoADirectory() throws IOException {
        job("copy-1", 2);
        ExportService.Result r = exports.export("copy-1", null);
        Path dir = tmp.resolve("out");
        int files = exports.copyCurrent("copy-1", dir);
        assertEquals(store.list(r.prefix()).size(), files);
        assertTrue(Files.exists(dir.resolve("JPEGImages/s000000.jpg")));
        assertTrue(Files.exists(dir.resolve("report.html")));
        assertTrue(Files.size(dir.resolve("contact-sheet.png")) > 1000);
    }
}
