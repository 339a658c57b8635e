package io.maskmill.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.maskmill.embedded.EmbeddedBroker;
import io.maskmill.imaging.SharedData;
import io.maskmill.store.ArtifactStore;
import io.maskmill.testing.CloudEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Augment mode through the HTTP API and the real functions: a COCO subset stored under a prefix is
 * imported, its samples travel on through thesaurus → place → harmonize (or stop, saying why, at a
 * stage that is not built), and an export requested over HTTP publishes whatever completed.
 */
@QuarkusTest
class AugmentOverHttpTest {
    private static final int IMAGES = 3;

    @Inject
    ArtifactStore store;
    @Inject
    EmbeddedBroker broker;

    /** Three coco-mini images and an instances file reduced to them, under {@code prefix}. */
    private void storeCocoSubset(String prefix) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode all = (ObjectNode) json.readTree(SharedData.require(SharedData.COCO_INSTANCES).toFile());
        ArrayNode images = json.createArrayNode(), annotations = json.createArrayNode();
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (int i = 0; i < IMAGES; i++) {
            var image = all.path("images").get(i);
            images.add(image);
            ids.add(image.path("id").asLong());
            String file = image.path("file_name").asText();
            store.put(prefix + "train2017/" + file, Files.readAllBytes(SharedData.COCO_IMAGES.resolve(file)), "image/jpeg");
        }
        all.path("annotations").forEach(a -> {
            if (ids.contains(a.path("image_id").asLong())) {
                annotations.add(a);
            }
        });
        all.set("images", images);
        all.set("annotations", annotations);
        store.put(prefix + "annotations/instances_train2017.json", json.writeValueAsBytes(all), "application/json");
    }

    @Test
    void augmentJobRunsThroughTheEditingStagesAndExportsWhatCompleted() throws Exception {
        String job = "aug-" + UUID.randomUUID().toString().substring(0, 8);
        String prefix = "datasets/" + job + "/";
        storeCocoSubset(prefix);
        given().contentType("application/json").body(Map.of("jobId", job, "format", "coco", "source", prefix))
                .post("/jobs/augment").then().statusCode(202).header("Location", endsWith("/jobs/" + job))
                .body("samples", equalTo(IMAGES)).body("classes.size()", equalTo(80));
        assertTrue(broker.awaitIdle(Duration.ofSeconds(60)), "the chain settles");
        JsonPath status = given().get("/jobs/" + job).then().statusCode(200).extract().jsonPath();
        assertEquals(IMAGES, status.getInt("planned"));
        assertEquals(IMAGES, status.getInt("stages.optimize"), "every import is a kept optimize output");
        int completed = status.getInt("completed"), failed = status.getInt("failed");
        assertEquals(IMAGES, completed + status.getInt("rejected") + failed, "every sample finished one way or another");
        for (Object message : status.getMap("failures").keySet()) {
            // a stage that has not landed yet says so plainly; anything else is a real failure
            assertTrue(message.toString().contains("stage is not built yet"), message.toString());
        }

        given().post("/jobs/" + job + "/export").then().statusCode(202);
        assertTrue(broker.awaitIdle(Duration.ofSeconds(60)));
        given().get("/jobs/" + job + "/dataset").then().statusCode(200).body("images", equalTo(completed))
                .body("failed", equalTo(failed)).body("prefix", containsString("jobs/" + job + "/dataset/v-"));
    }

    @Test
    void exportFunctionAnswersCloudEventsInBothModes() {
        String job = "exp-" + UUID.randomUUID().toString().substring(0, 8);
        SyntheticJob synthetic = new SyntheticJob(store, job);
        synthetic.add(0);
        synthetic.add(1);
        CloudEvents.binary("maskmill.export.requested", "{\"jobId\":\"" + job + "\"}").then().statusCode(200)
                .header("ce-type", "maskmill.dataset.exported").body("images", equalTo(2))
                .body("report", containsString("report.html"));
        CloudEvents.structured("maskmill.export.requested", "{\"jobId\":\"" + job + "\",\"formats\":[\"coco\"]}")
                .then().statusCode(200).body("type", equalTo("maskmill.dataset.exported")).body("data.jobId", equalTo(job))
                .body("data.problems.size()", equalTo(0));
        CloudEvents.binary("maskmill.export.requested", "{\"jobId\":\"no-such-job\"}").then().statusCode(400)
                .body("error", containsString("no job 'no-such-job'"));
    }

    @Test
    void badAugmentRequestsSayWhatIsWrong() {
        given().contentType("application/json").body(Map.of("format", "coco")).post("/jobs/augment").then()
                .statusCode(400).body("error", containsString("\"source\""));
        given().contentType("application/json").body(Map.of("format", "yolo", "source", "datasets/x/"))
                .post("/jobs/augment").then().statusCode(400).body("error", containsString("'coco' or 'voc'"));
        given().contentType("application/json").body(Map.of("format", "coco", "source", "datasets/nothing-here/"))
                .post("/jobs/augment").then().statusCode(400).body("error", containsString("not a COCO dataset"));
        given().get("/jobs/never-exported/dataset").then().statusCode(404);
    }
}
