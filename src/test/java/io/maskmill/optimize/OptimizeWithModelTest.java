package io.maskmill.optimize;

import static io.maskmill.testing.CloudEvents.binary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.imaging.CocoDataset;
import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.FloatMaps;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.imaging.Masks;
import io.maskmill.imaging.RgbImage;
import io.maskmill.imaging.SharedData;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.testing.Payloads;
import io.maskmill.testing.PlannedJobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** With {@code refiner = onnx} and a model file, the function refines through that ONNX model. */
@QuarkusTest
@TestProfile(OptimizeWithModelTest.WithModel.class)
class OptimizeWithModelTest {
    public static class WithModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createDirectories(Path.of("target", "test-models"));
                return Map.of("maskmill.optimize.refiner", "onnx",
                        "maskmill.optimize.model", OnnxRefinerTest.model(dir, "height", "width", false).toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Inject
    ArtifactStore store;
    @Inject
    ObjectMapper json;

    @Test
    void theConfiguredModelGivesTheReference() throws Exception {
        CocoDataset coco = CocoDataset.read(SharedData.require(SharedData.COCO_INSTANCES));
        CocoDataset.Annotation a = coco.annotations().stream().filter(x -> !x.crowd() && x.area() > 20_000).findFirst().orElseThrow();
        CocoDataset.Image image = coco.image(a.imageId());
        RgbImage photo = Images.readRgb(Files.readAllBytes(SharedData.COCO_IMAGES.resolve(image.fileName())), image.fileName());
        LabelMask truth = coco.mask(a);
        FloatMap attention = DegradedAttention.from(truth, 7).resizeBilinear(photo.width() / 8, photo.height() / 8);
        String job = "opt-onnx", sample = "s000001";
        // stages accept events only for samples of the job's plan
        PlannedJobs.forPayloads(store, job);
        Map<String, String> artifacts = new LinkedHashMap<>();
        artifacts.put("image", store.put(ArtifactKeys.stage(job, sample, "sample", "image.png"), Images.writePng(photo),
                "image/png").toString());
        artifacts.put("attention", store.put(ArtifactKeys.stage(job, sample, "sample", "attention.bin"),
                FloatMaps.write(attention), "application/octet-stream").toString());
        String event = "{\"sample\":" + Payloads.header(job, sample) + ",\"artifacts\":" + json.writeValueAsString(artifacts)
                + ",\"params\":{}}";

        Response response = binary("maskmill.sample.generated", event);
        response.then().statusCode(200).header("ce-type", equalTo("maskmill.mask.refined"))
                .body("params.refiner", equalTo("onnx"));
        JsonNode out = json.readTree(response.asByteArray());
        LabelMask mask = LabelMasks.readIndexedPng(store.get(URI.create(out.path("artifacts").path("mask").asText())), "mask");
        assertThat(Masks.iou(mask, truth)).isGreaterThan(0.5);
        JsonNode quality = json.readTree(store.get(ArtifactKeys.stage(job, sample, "optimize", "quality.json")));
        assertThat(quality.path("refiner").asText()).isEqualTo("onnx");
    }
}
