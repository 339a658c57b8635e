package io.maskmill.thesaurus;

import static io.maskmill.testing.CloudEvents.binary;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.MaskRefined;
import io.maskmill.events.SampleHeader;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.ledger.ClassIndex;
import io.maskmill.store.StageMarkers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The thesaurus function over HTTP: it picks kept samples of classes that belong in the sample's scene. */
@QuarkusTest
class ThesaurusFunctionTest {
    @Inject
    ArtifactStore store;
    @Inject
    ObjectMapper json;
    @Inject
    ClassIndex index;

    @Test
    void choosesAKeptSampleOfAClassThatBelongsInTheScene() throws Exception {
        given().contentType("application/json").body("{\"jobId\":\"thes-1\",\"imagesPerClass\":3,\"seed\":1,\"prompts\":"
                + "[\"dog: a dog running on the grass in a park\", \"person: a person standing\", \"car: a car\"]}")
                .post("/jobs").then().statusCode(202);
        // dog s000000..2, person s000003..5, car s000006..8: person s000003 was rejected, s000004 and s000005 kept.
        StageMarkers markers = new StageMarkers(store, json);
        for (String kept : List.of("s000000", "s000001", "s000004", "s000005", "s000006")) {
            markers.finished(header(kept), "optimize", refined(kept));
        }
        markers.finished(header("s000003"), "optimize", refined("s000003"));
        markers.rejected(header("s000003"), "optimize", "too small");
        // optimize indexes each judged sample per class; thesaurus's pool is the kept ones
        for (String kept : List.of("s000000", "s000001", "s000004", "s000005", "s000006")) {
            index.record(header(kept), new ClassIndex.Entry(0.9, 0.5, true));
        }
        index.record(header("s000003"), new ClassIndex.Entry(0.1, 0.5, false));

        Response response = binary("maskmill.mask.refined", json.writeValueAsString(refined("s000000")));
        response.then().statusCode(200).header("ce-type", "maskmill.objects.selected");
        JsonNode selection = json.readTree(store.get(java.net.URI.create(response.jsonPath().getString("artifacts.selection"))));
        JsonNode objects = selection.get("objects");
        assertEquals(1, objects.size(), selection.toString());
        JsonNode chosen = objects.get(0);
        assertFalse(chosen.get("className").asText().equals("dog"), "never the sample's own class");
        String id = chosen.get("sampleId").asText();
        assertTrue(List.of("s000004", "s000005", "s000006").contains(id), "a kept sample of that class: " + id);
        assertTrue(chosen.get("similarity").asDouble() > 0);
        assertTrue(store.exists(ArtifactKeys.stageMarker("thes-1", "s000000", "thesaurus")));

        Response again = binary("maskmill.mask.refined", json.writeValueAsString(refined("s000000")));
        assertEquals(response.asString(), again.asString(), "the same sample always gets the same choice");
    }

    private static SampleHeader header(String sampleId) {
        int index = Integer.parseInt(sampleId.substring(1));
        String cls = index < 3 ? "dog" : index < 6 ? "person" : "car";
        return new SampleHeader("thes-1", sampleId, 1, cls, List.of("dog", "person", "car"));
    }

    private MaskRefined refined(String sampleId) {
        String base = "jobs/thes-1/samples/" + sampleId + "/";
        return new MaskRefined(header(sampleId), Map.of("image", store.uri(base + "sample/image.png").toString(),
                "mask", store.uri(base + "optimize/mask.png").toString()), Map.of());
    }
}
