package io.maskmill.sample;

import static io.maskmill.testing.CloudEvents.binary;
import static io.maskmill.testing.CloudEvents.structured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.maskmill.imaging.FloatMaps;
import io.maskmill.imaging.Images;
import io.maskmill.sample.model.TinyObjects;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.testing.Payloads;
import io.quarkus.test.junit.QuarkusTest;

/** The sample function over HTTP with real CloudEvents, on the tiny default model. */
@QuarkusTest
class SampleFunctionTest {
    @Inject
    ArtifactStore store;

    @org.junit.jupiter.api.BeforeEach
    void plan() {
        // s000002 is planned with a prompt that does not name its class (ingest refuses that; a forged plan gets here)
        java.util.List<io.maskmill.ingest.JobPlan.PlannedSample> samples = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            samples.add(new io.maskmill.ingest.JobPlan.PlannedSample(String.format("s%06d", i), "dog",
                    i == 2 ? "a cat" : "a dog", 7));
        }
        io.maskmill.testing.PlannedJobs.write(store, "fn-sample", java.util.List.of("dog", "cat"), samples);
    }

    @Test
    void aSampleRequestedEventProducesArtifactsAndASampleGeneratedEvent() {
        var response = binary("maskmill.sample.requested", Payloads.sampleRequested("fn-sample", "s000001"))
                .then().statusCode(200).header("ce-type", "maskmill.sample.generated")
                .body("sample.sampleId", equalTo("s000001")).body("params.seed", equalTo("7"))
                .extract().jsonPath();
        Map<String, String> artifacts = response.getMap("artifacts");
        assertThat(artifacts).containsKeys("image", "attention", "selfAttention", "meta");
        var image = Images.readRgb(store.get(URI.create(artifacts.get("image"))));
        assertThat(image.width()).isEqualTo(128);
        var attention = FloatMaps.read(store.get(URI.create(artifacts.get("attention"))), "attention.bin").plane(0);
        DiffusionPipelineTest.assertRegion(attention, TinyObjects.regionOf("dog"));
        assertThat(store.exists(ArtifactKeys.stageMarker("fn-sample", "s000001", "sample"))).isTrue();
        assertThat(new String(store.get(URI.create(artifacts.get("meta"))))).contains("\"prompt\":\"a dog\"", "timingsMs");

        // redelivery (structured mode this time) rewrites the same image bytes
        byte[] first = store.get(URI.create(artifacts.get("image")));
        structured("maskmill.sample.requested", Payloads.sampleRequested("fn-sample", "s000001")).then().statusCode(200);
        assertThat(store.get(URI.create(artifacts.get("image")))).isEqualTo(first);
    }

    @Test
    void aClassMissingFromThePromptIsBadInput() {
        binary("maskmill.sample.requested", Payloads.sampleRequested("fn-sample", "s000002").replace("\"a dog\"", "\"a cat\""))
                .then().statusCode(400).body("error", containsString("dog"));
    }

    @Test
    void aModelsParamThatIsNoModelFolderIsBadInputNamingIt() {
        binary("maskmill.sample.requested", Payloads.sampleRequested("fn-sample", "s000003")
                .replace("\"params\":{}", "\"params\":{\"models\":\"/nonexistent/model\"}"))
                .then().statusCode(400).body("error", containsString("/nonexistent/model"));
    }
}
