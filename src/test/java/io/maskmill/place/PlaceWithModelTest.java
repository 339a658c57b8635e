package io.maskmill.place;

import static io.maskmill.testing.CloudEvents.binary;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.MaskRefined;
import io.maskmill.events.ObjectsSelected;
import io.maskmill.events.SampleHeader;
import io.maskmill.imaging.Box;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** With {@code maskmill.place.model} set, the function places through that ONNX model (the brightness model). */
@QuarkusTest
@TestProfile(PlaceWithModelTest.WithModel.class)
class PlaceWithModelTest {
    public static class WithModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createDirectories(Path.of("target", "test-models"));
                return Map.of("maskmill.place.model", BrightnessPlacementModel.write(dir).toString(),
                        "maskmill.place.selection", "argmax");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ArtifactStore store;

    private String put(String job, String sample, String stage, String name, byte[] bytes, String type) {
        return store.put(ArtifactKeys.stage(job, sample, stage, name), bytes, type).toString();
    }

    @Test
    void theConfiguredModelDecidesWhereTheObjectGoes() throws Exception {
        String job = "place-onnx";
        io.maskmill.testing.PlannedJobs.write(store, job, OnnxPlacementScorerTest.CLASSES, java.util.List.of(
                new io.maskmill.ingest.JobPlan.PlannedSample("s000001", "dog", "a dog", 0),
                new io.maskmill.ingest.JobPlan.PlannedSample("s000002", "cat", "a cat", 0)));
        Box bright = new Box(190, 130, 300, 230);
        PlaceService.Background background = OnnxPlacementScorerTest.scene(bright, new Box(215, 150, 265, 200));
        ObjectSource cat = OnnxPlacementScorerTest.cat();
        // the job's records: stages accept events only for samples of the job's plan
        io.maskmill.testing.PlannedJobs.write(store, job, OnnxPlacementScorerTest.CLASSES, java.util.List.of(
                new io.maskmill.ingest.JobPlan.PlannedSample("s000001", "dog", "a scene", 0),
                new io.maskmill.ingest.JobPlan.PlannedSample("s000002", "cat", "a cat", 0)));
        // the kept cat sample, as the optimize stage leaves it
        MaskRefined refined = new MaskRefined(new SampleHeader(job, "s000002", 1, "cat", OnnxPlacementScorerTest.CLASSES),
                Map.of("image", put(job, "s000002", "optimize", "image.png", Images.writePng(cat.image()), "image/png"),
                        "mask", put(job, "s000002", "optimize", "mask.png", LabelMasks.writeVocPng(cat.mask()), "image/png")),
                Map.of());
        store.put(ArtifactKeys.stageMarker(job, "s000002", "optimize"), JSON.writeValueAsBytes(refined), "application/json");
        String selection = "{\"objects\":[{\"className\":\"cat\",\"sampleId\":\"s000002\",\"similarity\":0.3}]}";
        ObjectsSelected selected = new ObjectsSelected(new SampleHeader(job, "s000001", 1, "dog", OnnxPlacementScorerTest.CLASSES),
                Map.of("image", put(job, "s000001", "optimize", "image.png", Images.writePng(background.image()), "image/png"),
                        "mask", put(job, "s000001", "optimize", "mask.png", LabelMasks.writeVocPng(background.mask()), "image/png"),
                        "selection", put(job, "s000001", "thesaurus", "selection.json",
                                selection.getBytes(StandardCharsets.UTF_8), "application/json")),
                Map.of("seed", "5"));
        String event = JSON.writeValueAsString(selected);

        Response response = binary("maskmill.objects.selected", event);
        response.then().statusCode(200).header("ce-type", "maskmill.objects.placed")
                .body("params.scorer", equalTo("onnx:fopa-brightness.onnx")).body("params.placed", equalTo("1"));
        URI objectsUri = URI.create(JSON.readTree(response.asByteArray()).get("artifacts").get("objects").asText());
        byte[] objects = store.get(objectsUri);
        JsonNode box = JSON.readTree(objects).get("objects").get(0).get("box");
        Box placed = new Box(box.get(0).asInt(), box.get(1).asInt(), box.get(0).asInt() + box.get(2).asInt(),
                box.get(1).asInt() + box.get(3).asInt());
        assertTrue(OnnxPlacementScorerTest.centreWithin(placed, bright, 3), placed + " is not on the bright " + bright);

        // redelivery: the model gives the same scores, the stage the same bytes
        binary("maskmill.objects.selected", event).then().statusCode(200);
        assertArrayEquals(objects, store.get(objectsUri));
    }
}
