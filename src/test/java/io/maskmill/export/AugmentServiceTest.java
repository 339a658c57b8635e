package io.maskmill.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.EventSink;
import io.maskmill.events.EventType;
import io.maskmill.events.InvalidInputException;
import io.maskmill.events.MaskRefined;
import io.maskmill.events.OutgoingEvent;
import io.maskmill.imaging.CocoDataset;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.imaging.RgbImage;
import io.maskmill.place.WholeObject;
import io.maskmill.imaging.SharedData;
import io.maskmill.ingest.JobConflictException;
import io.maskmill.ingest.JobStatus;
import io.maskmill.ingest.JobStatusService;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.LocalArtifactStore;

class AugmentServiceTest {
    @TempDir
    Path tmp;
    LocalArtifactStore store;
    final ObjectMapper json = new ObjectMapper();
    /** The published events, in order (an EventSink that keeps what it is given). */
    final List<OutgoingEvent> published = new ArrayList<>();
    final EventSink sink = published::add;
    AugmentService augment;

    @BeforeEach
    void setUp() {
        store = new LocalArtifactStore(tmp.resolve("store"), Set.of("maskmill"));
        augment = new AugmentService(store, sink, json, "/maskmill/augment");
    }

    @Test
    void importsCocoImagesAsKeptOptimizeOutputsAndPublishesMaskRefined() throws IOException {
        SharedData.require(SharedData.COCO_INSTANCES);
        AugmentService.Started started = augment.start("coco-aug", AugmentService.Format.COCO,
                DatasetFiles.directory(SharedData.COCO_MINI), 10);
        assertEquals(10, started.samples());
        assertTrue(started.problems().isEmpty(), started.problems().toString());
        CocoDataset coco = CocoDataset.read(SharedData.COCO_INSTANCES);
        List<String> names = coco.categories().stream().sorted(Comparator.comparingInt(CocoDataset.Category::id))
                .map(CocoDataset.Category::name).toList();
        assertEquals(names, started.classes());

        assertEquals(10, published.size());
        int withObject = 0, withoutObject = 0;
        for (int i = 0; i < 10; i++) {
            OutgoingEvent e = published.get(i);
            assertEquals(EventType.MASK_REFINED, e.type());
            MaskRefined refined = (MaskRefined) e.data();
            String sampleId = String.format("s%06d", i);
            assertEquals("coco-aug/" + sampleId, e.subject());
            // one whole instance of the sample's class to paste elsewhere, or the reason there is none
            String objectUri = refined.artifacts().get("object");
            if (objectUri == null) {
                assertEquals(Set.of("image", "mask", "quality"), refined.artifacts().keySet());
                assertTrue(refined.params().get("noObject").startsWith("no whole " + refined.sample().className()),
                        refined.params().toString());
                withoutObject++;
            } else {
                assertEquals(Set.of("image", "mask", "quality", "object"), refined.artifacts().keySet());
                LabelMask object = LabelMasks.readIndexedPng(store.get(URI.create(objectUri)), "object");
                int own = refined.sample().label();
                // exactly one non-crowd annotation of the sample's class, whole
                CocoDataset.Image img = coco.images().get(i);
                long matching = coco.annotationsOf(img.id()).stream().filter(a -> !a.crowd())
                        .filter(a -> java.util.Arrays.equals(coco.mask(a).labels(), object.select(own).labels()))
                        .count();
                assertEquals(1, matching, "the object is one annotated instance of " + img.fileName());
                assertEquals(object.count(own), object.width() * object.height() - object.count(0));
                assertEquals(null, WholeObject.problem(object, own, null, WholeObject.Criteria.defaults()));
                withObject++;
            }
            assertEquals("1.0", refined.params().get("quality"));
            assertTrue(store.exists(ArtifactKeys.stageMarker("coco-aug", sampleId, "optimize")), "marker written");
            // the marker is the event itself
            assertEquals(json.valueToTree(refined),
                    json.readTree(store.get(ArtifactKeys.stageMarker("coco-aug", sampleId, "optimize"))));

            CocoDataset.Image meta = coco.images().get(i);
            LabelMask mask = LabelMasks.readIndexedPng(store.get(URI.create(refined.artifacts().get("mask"))), "mask");
            RgbImage image = Images.readRgb(store.get(URI.create(refined.artifacts().get("image"))));
            assertEquals(meta.width(), image.width());
            assertEquals(meta.height(), mask.height());
            // the smallest non-crowd annotation is painted last: all its pixels carry its class
            CocoDataset.Annotation smallest = coco.annotationsOf(meta.id()).stream().filter(a -> !a.crowd())
                    .min(Comparator.comparingDouble(CocoDataset.Annotation::area)).orElseThrow();
            LabelMask region = coco.mask(smallest);
            int label = names.indexOf(coco.categories().stream().filter(c -> c.id() == smallest.categoryId())
                    .findFirst().orElseThrow().name()) + 1;
            for (int p = 0; p < region.labels().length; p++) {
                if (region.labels()[p] != 0) {
                    assertEquals(label, mask.labels()[p] & 0xFF, "pixel " + p + " of annotation " + smallest.id());
                }
            }
            assertTrue(mask.count(refined.sample().label()) > 0, "the sample's class is in its mask");
        }
        assertTrue(withObject > 0 && withoutObject > 0, withObject + " with an object, " + withoutObject + " without");
        var records = new io.maskmill.ingest.JobRecords(store, json);
        var ledger = new io.maskmill.ledger.JobLedger(store, json, records, e -> { },
                new io.maskmill.ledger.SampleGuard(store, json, records), "/tests");
        JobStatus status = new JobStatusService(store, json, records, ledger).status("coco-aug");
        // every imported sample is a sample of the job's plan, as the stages downstream check
        var guard = new io.maskmill.ledger.SampleGuard(store, json, records);
        for (OutgoingEvent e : published) {
            guard.requirePlanned(((MaskRefined) e.data()).sample());
        }
        assertEquals(10, status.planned());
        assertEquals(10, status.stages().get("optimize"));
        assertEquals(0, status.completed());
        assertThrows(JobConflictException.class,
                () -> augment.start("coco-aug", AugmentService.Format.COCO, DatasetFiles.directory(SharedData.COCO_MINI), 1));
    }

    @Test
    void vocRoundTripThroughAnExportAndBadFilesAreListed() throws IOException {
        SyntheticJob job = new SyntheticJob(store, "src-1");
        for (int i = 0; i < 4; i++) {
            job.add(i);
        }
        ExportService exports = new ExportService(store, json, ExportSettings.defaults());
        exports.export("src-1", List.of("voc"));
        Path voc = tmp.resolve("voc");
        exports.copyCurrent("src-1", voc);
        Files.write(voc.resolve("JPEGImages/s000001.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2});
        LabelMask bad = job.samples.get(2).semantic().copy();
        bad.set(3, 3, 77);
        Files.write(voc.resolve("SegmentationClass/s000002.png"), LabelMasks.writeVocPng(bad));

        AugmentService.Started started = augment.start("voc-aug", AugmentService.Format.VOC, DatasetFiles.directory(voc), 0);
        assertEquals(SyntheticJob.CLASSES, started.classes(), "class map from labels.txt");
        assertEquals(2, started.samples());
        assertEquals(2, started.problems().size(), started.problems().toString());
        assertTrue(started.problems().get(0).reason().startsWith("JPEGImages/s000001.jpg: "),
                started.problems().get(0).reason());
        assertTrue(started.problems().get(1).reason().contains("SegmentationClass/s000002.png: label 77 at (3, 3)"),
                started.problems().get(1).reason());
        // s000000 and s000003 came through with their masks unchanged
        MaskRefined first = (MaskRefined) published.get(0).data();
        LabelMask mask = LabelMasks.readIndexedPng(store.get(URI.create(first.artifacts().get("mask"))), "mask");
        assertArrayEquals(job.samples.get(0).semantic().labels(), mask.labels());
        assertEquals("dog", first.sample().className());
        JsonNode spec = json.readTree(store.get(ArtifactKeys.jobSpec("voc-aug")));
        assertEquals(2, spec.path("skipped").size());

        assertThrows(InvalidInputException.class,
                () -> augment.start("x-1", AugmentService.Format.COCO, DatasetFiles.directory(voc), 0));
        assertThrows(InvalidInputException.class, () -> AugmentService.Format.of("yolo"));
    }
}
