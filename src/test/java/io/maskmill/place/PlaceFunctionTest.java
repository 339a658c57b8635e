package io.maskmill.place;

import static io.maskmill.testing.CloudEvents.binary;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.maskmill.events.MaskRefined;
import io.maskmill.events.ObjectsSelected;
import io.maskmill.events.SampleHeader;
import io.maskmill.imaging.CocoRle;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.imaging.RgbImage;
import io.maskmill.imaging.SharedData;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The place function receives real CloudEvents over HTTP, with real artifacts in the store. */
@QuarkusTest
class PlaceFunctionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PlacementVerification COCO = new PlacementVerification(SharedData.require(SharedData.COCO_MINI));
    private static final String SELECTED = "maskmill.objects.selected";

    @Inject
    ArtifactStore store;

    private SampleHeader header(String job, String sample, String className) {
        return new SampleHeader(job, sample, 1, className, COCO.classes());
    }

    /** A kept object sample: its optimize artifacts and marker, as the optimize stage leaves them. */
    private void keptSample(String job, String sample, ObjectSource object, LabelMask mask) {
        String image = store.put(ArtifactKeys.stage(job, sample, "optimize", "image.png"),
                Images.writePng(object.image()), "image/png").toString();
        String maskUri = store.put(ArtifactKeys.stage(job, sample, "optimize", "mask.png"),
                LabelMasks.writeVocPng(mask), "image/png").toString();
        MaskRefined refined = new MaskRefined(header(job, sample, object.className()),
                Map.of("image", image, "mask", maskUri), Map.of("threshold", "0.4"));
        store.put(ArtifactKeys.stageMarker(job, sample, "optimize"), json(refined), "application/json");
    }

    /** The event the thesaurus stage would send for a background sample and a selection. */
    private String selected(String job, PlaceService.Background background, String className, String selectionJson,
            LabelMask backgroundMask) {
        io.maskmill.testing.PlannedJobs.write(store, job, COCO.classes(),
                java.util.List.of(new io.maskmill.ingest.JobPlan.PlannedSample("s000001", className, "a scene", 0)));
        String image = store.put(ArtifactKeys.stage(job, "s000001", "optimize", "image.png"),
                Images.writePng(background.image()), "image/png").toString();
        String mask = store.put(ArtifactKeys.stage(job, "s000001", "optimize", "mask.png"),
                LabelMasks.writeVocPng(backgroundMask), "image/png").toString();
        String selection = store.put(ArtifactKeys.stage(job, "s000001", "thesaurus", "selection.json"),
                selectionJson.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json").toString();
        return new String(json(new ObjectsSelected(header(job, "s000001", className),
                Map.of("image", image, "mask", mask, "selection", selection), Map.of("seed", "17"))),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String selection(String... classAndSample) {
        StringBuilder s = new StringBuilder("{\"objects\":[");
        for (int i = 0; i < classAndSample.length; i += 2) {
            s.append(i == 0 ? "" : ",").append("{\"className\":\"").append(classAndSample[i])
                    .append("\",\"sampleId\":\"").append(classAndSample[i + 1]).append("\",\"similarity\":0.2}");
        }
        return s.append("],\"reason\":null}").toString();
    }

    @Test
    void placesRealObjectsAndWritesExactMasksAndCocoInstances() throws Exception {
        String job = "place-ok";
        PlacementVerification.Trial trial = COCO.trial(3, 1);
        PlaceService.Background background = COCO.background(trial.target());
        ObjectSource a = COCO.object(COCO.trial(11, 1).objects().get(0));
        ObjectSource b = COCO.object(COCO.trial(12, 1).objects().get(0));
        keptSample(job, "s000002", a, a.mask());
        keptSample(job, "s000003", b, b.mask());
        String event = selected(job, background, "person", selection(a.className(), "s000002", b.className(), "s000003"),
                background.mask());

        Response response = binary(SELECTED, event);
        response.then().statusCode(200).header("ce-type", "maskmill.objects.placed")
                .body("params.placed", equalTo("2")).body("params.scorer", equalTo("builtin"));
        JsonNode placed = JSON.readTree(response.asByteArray());
        JsonNode artifacts = placed.get("artifacts");
        byte[] objectsJson = store.get(URI.create(artifacts.get("objects").asText()));
        LabelMask mask = LabelMasks.readIndexedPng(store.get(URI.create(artifacts.get("mask").asText())), "mask");
        LabelMask pasted = LabelMasks.readIndexedPng(store.get(URI.create(artifacts.get("pasted").asText())), "pasted");
        RgbImage composite = Images.readRgb(store.get(URI.create(artifacts.get("image").asText())));
        assertEquals(background.image().width(), composite.width());

        JsonNode objects = JSON.readTree(objectsJson).get("objects");
        assertEquals(2, objects.size());
        for (JsonNode o : objects) {
            int index = o.get("index").asInt(), label = o.get("label").asInt();
            LabelMask instance = CocoRle.decode(CocoRle.decompress(o.get("segmentation").get("counts").asText()),
                    mask.width(), mask.height());
            // the RLE instance is exactly the object's pixels in pasted.png, and carries its class in mask.png
            assertEquals(pasted.select(index), instance);
            for (int i = 0; i < instance.labels().length; i++) {
                if (instance.labels()[i] != 0) {
                    assertEquals(label, mask.labels()[i] & 0xFF);
                }
            }
            JsonNode box = o.get("box");
            assertTrue(box.get(0).asInt() >= 0 && box.get(1).asInt() >= 0
                    && box.get(0).asInt() + box.get(2).asInt() <= mask.width()
                    && box.get(1).asInt() + box.get(3).asInt() <= mask.height(), box.toString());
            assertEquals(instance.count(1), o.get("area").asInt());
        }
        // marker last, equal to the event sent on
        assertEquals(JSON.readTree(store.get(ArtifactKeys.stageMarker(job, "s000001", "place"))), placed);
        // redelivery rewrites the same bytes
        binary(SELECTED, event).then().statusCode(200);
        assertEquals(new String(objectsJson), new String(store.get(URI.create(artifacts.get("objects").asText()))));
    }

    @Test
    void unplaceableObjectsPassTheSampleOnWithTheReasonInParams() {
        String job = "place-bad";
        PlaceService.Background background = COCO.background(COCO.trial(3, 1).target());
        ObjectSource a = COCO.object(COCO.trial(11, 1).objects().get(0));
        keptSample(job, "s000002", a, new LabelMask(a.mask().width(), a.mask().height())); // empty mask
        keptSample(job, "s000003", a, new LabelMask(10, 10)); // mask/image size mismatch
        String event = selected(job, background, "person",
                selection(a.className(), "s000002", a.className(), "s000003", a.className(), "s000099"), background.mask());
        binary(SELECTED, event).then().statusCode(200).header("ce-type", "maskmill.objects.placed")
                .body("params.placed", equalTo("0"))
                .body("params.reason", containsString("from sample s000002: mask is empty (no pixel has label"))
                .body("params.reason", containsString("from sample s000003: image is 640x"))
                .body("params.reason", containsString("from sample s000099: the sample has no optimize output"))
                .body("params.reason", containsString("sample passed on unedited"));
        assertTrue(store.exists(ArtifactKeys.stageMarker(job, "s000001", "place")));
        assertEquals(background.mask(), LabelMasks.readIndexedPng(store.get(ArtifactKeys.stage(job, "s000001", "place",
                "mask.png")), "mask"));

        // background image and mask of different sizes; an empty selection
        String mismatch = selected("place-mismatch", background, "person", selection(a.className(), "s000002"),
                new LabelMask(20, 20));
        binary(SELECTED, mismatch).then().statusCode(200).body("params.placed", equalTo("0"))
                .body("params.reason", containsString("but its mask is 20x20: sample passed on unedited"));
        String empty = selected("place-empty", background, "person",
                "{\"objects\":[],\"reason\":\"no pool class reaches similarity 0.02\"}", background.mask());
        binary(SELECTED, empty).then().statusCode(200).body("params.placed", equalTo("0"))
                .body("params.reason", equalTo("thesaurus selected no objects: no pool class reaches similarity 0.02"));
    }

    @Test
    void inputThatCanNeverWorkIsA400ThatSaysWhat() throws Exception {
        PlaceService.Background background = COCO.background(COCO.trial(3, 1).target());
        String broken = selected("place-broken", background, "person", "{\"objects\":[{\"className\":\"cat\"}]}",
                background.mask());
        binary(SELECTED, broken).then().statusCode(400)
                .body("error", containsString("selection.json: every object needs className and sampleId strings"));
        ObjectNode event = (ObjectNode) JSON.readTree(broken);
        ((ObjectNode) event.get("artifacts")).remove("selection");
        String noSelection = JSON.writeValueAsString(event);
        binary(SELECTED, noSelection).then().statusCode(400)
                .body("error", containsString("ObjectsSelected.artifacts has no 'selection'"));
    }
}
