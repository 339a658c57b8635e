package io.maskmill.harmonize;

import static io.maskmill.testing.CloudEvents.binary;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
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
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The harmonize function over HTTP: the pasted object takes the scene's colour, the scene and masks stay. */
@QuarkusTest
class HarmonizeFunctionTest {
    private static final int W = 96;
    private static final int H = 64;

    @Inject
    ArtifactStore store;
    @Inject
    ObjectMapper json;

    @Test
    void harmonizesThePastedObjectAndCompletesTheSample() throws Exception {
        String job = "harm-" + Long.toString(System.nanoTime(), 36);
        planned(job);
        RgbImage composite = new RgbImage(W, H);
        LabelMask pasted = new LabelMask(W, H);
        java.util.Random noise = new java.util.Random(3);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean object = x >= 30 && x < 60 && y >= 20 && y < 50;
                float n = noise.nextFloat() * 0.1f;
                // a bluish, bright scene; a dark reddish object pasted from another picture
                float[] rgb = object ? new float[] { 0.45f + n, 0.15f + n, 0.1f + n } : new float[] { 0.5f + n, 0.6f + n, 0.8f + n };
                for (int c = 0; c < 3; c++) {
                    composite.set(x, y, c, rgb[c]);
                }
                pasted.set(x, y, object ? 1 : 0);
            }
        }
        ObjectsPlaced placed = placed(job, Images.writePng(composite), LabelMasks.writeVocPng(pasted));
        Response response = binary("maskmill.objects.placed", json.writeValueAsString(placed));
        response.then().statusCode(200).header("ce-type", "maskmill.sample.completed");
        RgbImage out = Images.readRgb(store.get(URI.create(response.jsonPath().getString("artifacts.image"))));
        RgbImage in = Images.readRgb(Images.writePng(composite));
        double redBefore = 0;
        double redAfter = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (pasted.get(x, y) == 0) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(in.get(x, y, c), out.get(x, y, c), 0f, "scene pixel " + x + "," + y + " unchanged");
                    }
                } else {
                    redBefore += in.get(x, y, 0) - in.get(x, y, 2);
                    redAfter += out.get(x, y, 0) - out.get(x, y, 2);
                }
            }
        }
        assertTrue(redAfter < redBefore * 0.9, "the object moved towards the scene's blue: " + redBefore + " -> " + redAfter);
        assertEquals(placed.artifacts().get("mask"), response.jsonPath().getString("artifacts.mask"), "mask unchanged");
        assertTrue(store.exists(ArtifactKeys.stageMarker(job, "s000000", "harmonize")));
        // the Broker takes the answer to the ledger, which counts the sample as completed
        binary("maskmill.sample.completed", response.asString()).then().statusCode(204);
        given().get("/jobs/" + job).then().statusCode(200).body("completed", org.hamcrest.Matchers.equalTo(1))
                .body("state", org.hamcrest.Matchers.equalTo("completed"));
    }

    @Test
    void aMaskOfTheWrongSizeOrAMissingArtifactIsRefusedClearly() throws Exception {
        String job = "harm-bad-" + Long.toString(System.nanoTime(), 36);
        planned(job);
        RgbImage composite = new RgbImage(W, H);
        byte[] smallMask = LabelMasks.writeVocPng(new LabelMask(W / 2, H / 2));
        binary("maskmill.objects.placed", json.writeValueAsString(placed(job, Images.writePng(composite), smallMask)))
                .then().statusCode(400).body("error", containsString("mask is 48x32 but the composite is 96x64"));
        ObjectsPlaced noPasted = new ObjectsPlaced(header(job),
                Map.of("image", store.uri("jobs/" + job + "/samples/s000000/place/composite.png").toString()), Map.of());
        binary("maskmill.objects.placed", json.writeValueAsString(noPasted)).then().statusCode(400)
                .body("error", containsString("lacks the 'pasted' artifact"));
    }

    /** A one-sample job's spec and plan, as ingest writes them (no chain runs for it: the test is the upstream). */
    private void planned(String job) throws Exception {
        store.put(ArtifactKeys.jobSpec(job), json.writeValueAsBytes(new io.maskmill.ingest.JobPlan.Spec(job, "test",
                List.of("dog"), List.of(), 1, 0, Map.of())), "application/json");
        store.put(ArtifactKeys.plan(job), json.writeValueAsBytes(List.of(
                new io.maskmill.ingest.JobPlan.PlannedSample("s000000", "dog", "a dog", 0))), "application/json");
    }

    private ObjectsPlaced placed(String job, byte[] compositePng, byte[] pastedPng) {
        String base = "jobs/" + job + "/samples/s000000/place/";
        URI image = store.put(base + "composite.png", compositePng, "image/png");
        URI pasted = store.put(base + "pasted.png", pastedPng, "image/png");
        URI mask = store.put(base + "mask.png", pastedPng, "image/png");
        return new ObjectsPlaced(header(job), Map.of("image", image.toString(), "pasted", pasted.toString(),
                "mask", mask.toString()), Map.of());
    }

    private static SampleHeader header(String job) {
        return new SampleHeader(job, "s000000", 1, "dog", List.of("dog"));
    }
}
