package io.maskmill.optimize;

import static io.maskmill.testing.CloudEvents.binary;
import static io.maskmill.testing.CloudEvents.structured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.imaging.CocoDataset;
import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.FloatMaps;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.imaging.RgbImage;
import io.maskmill.imaging.SharedData;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.testing.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The optimize function over HTTP with real CloudEvents and artifacts put in the store first. */
@QuarkusTest
class OptimizeFunctionTest {
    private static final String GENERATED = "maskmill.sample.generated";

    @Inject
    ArtifactStore store;
    @Inject
    ObjectMapper json;

    private RgbImage photo;
    private LabelMask truth;

    @BeforeEach
    void realPhoto() throws Exception {
        if (photo != null) return;
        CocoDataset coco = CocoDataset.read(SharedData.require(SharedData.COCO_INSTANCES));
        CocoDataset.Annotation a = coco.annotations().stream().filter(x -> !x.crowd() && x.area() > 20_000).findFirst().orElseThrow();
        CocoDataset.Image image = coco.image(a.imageId());
        photo = Images.readRgb(Files.readAllBytes(SharedData.COCO_IMAGES.resolve(image.fileName())), image.fileName());
        truth = coco.mask(a);
    }

    @Test
    void refinesADegradedAttentionIntoAMaskAndEmitsMaskRefined() throws Exception {
        // a fresh job per run: a stage never recomputes a sample it finished, and the test store outlives runs
        String job = "opt-ok-" + Long.toString(System.nanoTime(), 36);
        FloatMap attention = DegradedAttention.from(truth, 7).resizeBilinear(photo.width() / 8, photo.height() / 8);
        Map<String, String> artifacts = artifacts(job, "s000001", FloatMaps.write(attention), null);
        Response response = binary(GENERATED, event(job, "s000001", artifacts));
        response.then().statusCode(200).header("ce-type", equalTo("maskmill.mask.refined"));
        JsonNode out = json.readTree(response.asByteArray());
        assertThat(out.path("params").path("refiner").asText()).isEqualTo("crf");
        double threshold = out.path("params").path("threshold").asDouble();
        assertThat(threshold).isEqualTo(CrfSettings.DEFAULT_CENTRE); // the default's one-value grid: a fixed γ
        LabelMask mask = LabelMasks.readIndexedPng(store.get(java.net.URI.create(out.path("artifacts").path("mask").asText())), "mask");
        assertThat(mask.width()).isEqualTo(photo.width());
        assertThat(mask.count(1)).isPositive(); // "dog" is label 1 in the test class map
        assertThat(io.maskmill.imaging.Masks.iou(mask, truth)).isGreaterThan(0.5);
        JsonNode quality = json.readTree(store.get(ArtifactKeys.stage(job, "s000001", "optimize", "quality.json")));
        assertThat(quality.path("decision").asText()).isEqualTo("kept");
        assertThat(quality.path("threshold").asDouble()).isEqualTo(threshold);
        assertThat(store.exists(ArtifactKeys.stageMarker(job, "s000001", "optimize"))).isTrue();
        assertThat(store.exists(ArtifactKeys.rejected(job, "s000001"))).isFalse();

        // a redelivery rewrites the same bytes
        byte[] first = store.get(ArtifactKeys.stage(job, "s000001", "optimize", "quality.json"));
        structured(GENERATED, event(job, "s000001", artifacts)).then().statusCode(200);
        assertThat(store.get(ArtifactKeys.stage(job, "s000001", "optimize", "quality.json"))).isEqualTo(first);
    }

    @Test
    void jointModeLogitsGiveAClassMask() throws Exception {
        int w = photo.width() / 4, h = photo.height() / 4, n = w * h;
        LabelMask small = new LabelMask(w, h);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) small.set(x, y, truth.get(x * 4, y * 4));
        float[] logits = new float[3 * n];
        for (int p = 0; p < n; p++) {
            logits[p] = small.labels()[p] == 0 ? 3 : 0;       // background
            logits[n + p] = small.labels()[p] == 0 ? 0 : 3;   // dog
            logits[2 * n + p] = 0.5f;                         // cat
        }
        Map<String, String> artifacts = artifacts("opt-joint", "s000001", null, FloatMaps.write(new FloatMaps.Planes(w, h, 3, logits)));
        Response response = binary(GENERATED, event("opt-joint", "s000001", artifacts));
        response.then().statusCode(200).header("ce-type", equalTo("maskmill.mask.refined"));
        LabelMask mask = LabelMasks.readIndexedPng(store.get(ArtifactKeys.stage("opt-joint", "s000001", "optimize", "mask.png")), "m");
        assertThat(io.maskmill.imaging.Masks.iou(mask, truth)).isGreaterThan(0.8);
    }

    @Test
    void wrongSizeMapIsRejectedWithItsReason() {
        rejected("opt-size", FloatMaps.write(new FloatMap(30, 10, ramp(300))), null, "does not fit the");
    }

    @Test
    void nanOrInfinityIsRejected() {
        float[] v = ramp(64);
        v[17] = Float.NaN;
        rejected("opt-nan", FloatMaps.write(new FloatMap(8, 8, v)), null, "value NaN at index 17");
        float[] inf = ramp(64);
        inf[3] = Float.POSITIVE_INFINITY;
        rejected("opt-inf", FloatMaps.write(new FloatMap(8, 8, inf)), null, "value Infinity at index 3");
    }

    @Test
    void allZeroAttentionIsRejected() {
        rejected("opt-zero", FloatMaps.write(new FloatMap(photo.width() / 40, photo.height() / 40, new float[photo.width() * photo.height() / 1600])), null,
                "constant (every value 0.0)");
    }

    @Test
    void logitsWithTheWrongClassCountAreRejected() {
        rejected("opt-logits", null, FloatMaps.write(new FloatMaps.Planes(photo.width() / 40, photo.height() / 40, 4, new float[photo.width() * photo.height() / 400])),
                "4 channels, but the class map [dog, cat] needs 3");
    }

    @Test
    void notAFloatMapIsRejected() {
        rejected("opt-magic", "PNG?".repeat(10).getBytes(), null, "magic is not");
    }

    @Test
    void missingArtifactsAreRejected() {
        Map<String, String> artifacts = artifacts("opt-missing", "s000001", FloatMaps.write(new FloatMap(8, 8, ramp(64))), null);
        artifacts.put("attention", store.uri(ArtifactKeys.stage("opt-missing", "s000001", "sample", "gone.bin")).toString());
        expectRejection("opt-missing", artifacts, "attention: no artifact at");
        // the rejection is final: the same sample again gets the stored answer, not a second verdict
        artifacts.remove("attention");
        binary(GENERATED, event("opt-missing", "s000001", artifacts)).then().statusCode(200)
                .body("reason", containsString("attention: no artifact at"));
        Map<String, String> other = artifacts("opt-missing", "s000002", FloatMaps.write(new FloatMap(8, 8, ramp(64))), null);
        other.remove("attention");
        binary(GENERATED, event("opt-missing", "s000002", other)).then().statusCode(200)
                .header("ce-type", equalTo("maskmill.sample.rejected"))
                .body("reason", containsString("the event names no 'attention' artifact"));
    }

    private void rejected(String job, byte[] attention, byte[] logits, String reason) {
        expectRejection(job, artifacts(job, "s000001", attention, logits), reason);
    }

    private void expectRejection(String job, Map<String, String> artifacts, String reason) {
        binary(GENERATED, event(job, "s000001", artifacts)).then().statusCode(200)
                .header("ce-type", equalTo("maskmill.sample.rejected"))
                .body("stage", equalTo("optimize")).body("reason", containsString(reason));
        try {
            JsonNode record = json.readTree(store.get(ArtifactKeys.rejected(job, "s000001")));
            assertThat(record.path("stage").asText()).isEqualTo("optimize");
            assertThat(record.path("reason").asText()).contains(reason);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(store.exists(ArtifactKeys.stageMarker(job, "s000001", "optimize"))).isFalse();
    }

    /** Puts the photo and the maps in the store. */
    private Map<String, String> artifacts(String job, String sample, byte[] attention, byte[] logits) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("image", store.put(ArtifactKeys.stage(job, sample, "sample", "image.png"), Images.writePng(photo), "image/png").toString());
        if (attention != null) {
            a.put("attention", store.put(ArtifactKeys.stage(job, sample, "sample", "attention.bin"), attention,
                    "application/octet-stream").toString());
        }
        if (logits != null) {
            a.put("logits", store.put(ArtifactKeys.stage(job, sample, "sample", "logits.bin"), logits,
                    "application/octet-stream").toString());
        }
        return a;
    }

    private String event(String job, String sample, Map<String, String> artifacts) {
        io.maskmill.testing.PlannedJobs.forPayloads(store, job);
        try {
            return "{\"sample\":" + Payloads.header(job, sample) + ",\"artifacts\":" + json.writeValueAsString(artifacts)
                    + ",\"params\":{}}";
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static float[] ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i / (float) n;
        return v;
    }
}
