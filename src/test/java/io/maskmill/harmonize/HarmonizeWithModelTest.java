package io.maskmill.harmonize;

import static io.maskmill.testing.CloudEvents.binary;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.ObjectsPlaced;
import io.maskmill.events.SampleHeader;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.imaging.RgbImage;
import io.maskmill.store.ArtifactStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With {@code maskmill.harmonize.model} set, the function harmonizes through that ONNX model. */
@QuarkusTest
@TestProfile(HarmonizeWithModelTest.WithModel.class)
class HarmonizeWithModelTest {
    public static class WithModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createDirectories(Path.of("target", "test-models"));
                return Map.of("maskmill.harmonize.model", OnnxHarmonizerTest.model(dir, 64, 64).toString());
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
    void theConfiguredModelHarmonizes() throws Exception {
        String job = "harm-onnx-" + Long.toString(System.nanoTime(), 36); // the test store outlives a run: a fixed id is completed by the last one
        io.restassured.RestAssured.given().contentType("application/json")
                .body("{\"jobId\":\"" + job + "\",\"prompts\":[\"dog: a dog\"]}").post("/jobs");
        LabelMask pasted = new LabelMask(64, 64);
        for (int y = 16; y < 48; y++) {
            for (int x = 16; x < 48; x++) {
                pasted.set(x, y, 1);
            }
        }
        String base = "jobs/" + job + "/samples/s000000/place/";
        String image = store.put(base + "composite.png", Images.writePng(new RgbImage(64, 64)), "image/png").toString();
        String mask = store.put(base + "pasted.png", LabelMasks.writeVocPng(pasted), "image/png").toString();
        ObjectsPlaced placed = new ObjectsPlaced(new SampleHeader(job, "s000000", 1, "dog", List.of("dog")),
                Map.of("image", image, "pasted", mask, "mask", mask), Map.of());
        binary("maskmill.objects.placed", json.writeValueAsString(placed)).then().statusCode(200)
                .body("params.harmonizer", startsWith("onnx:harmonizer-64x64.onnx"))
                .body("params.harmonized", org.hamcrest.Matchers.equalTo("true"));
    }
}
