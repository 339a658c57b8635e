package io.maskmill.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.maskmill.store.ArtifactStore;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every bad job request is a 400 that names the field's path, answered before anything is planned
 * or written; every other 4xx of the API has a JSON body with a message too.
 */
@QuarkusTest
class CheckedAtTheDoorTest {
    @Inject
    ArtifactStore store;

    private static String request(String id, String fields) {
        return "{\"jobId\":\"" + id + "\",\"prompts\":[\"dog: a dog on the grass\"]" + fields + "}";
    }

    private void refused(String id, String body, String error) {
        given().contentType("application/json").body(body).post("/jobs").then().statusCode(400)
                .contentType("application/json").body("status", equalTo(400)).body("error", startsWith(error));
        assertEquals(List.of(), store.list("jobs/" + id + "/"), "nothing was written for " + id);
    }

    @Test
    void optionsAreCheckedForTypeRangeAndName() {
        refused("door-1", request("door-1", ",\"options\":{\"steps\":\"abc\"}"),
                "options.steps: must be an integer from 1 to 1000, was \"abc\"");
        refused("door-2", request("door-2", ",\"options\":{\"steps\":0}"), "options.steps: must be an integer from 1 to 1000");
        refused("door-3", request("door-3", ",\"options\":{\"guidance\":\"high\"}"), "options.guidance: must be a number");
        refused("door-4", request("door-4", ",\"options\":{\"scheduler\":\"warp\"}"), "options.scheduler: must be one of");
        refused("door-5", request("door-5", ",\"options\":{\"step\":20}"),
                "options.step: unknown option (did you mean \"steps\"?)");
        refused("door-6", request("door-6", ",\"options\":{\"steps\":{\"n\":3}}"), "options.steps: expected a string");
        refused("door-16", request("door-16", ",\"options\":{\"schedulerOptions\":\"clip_sample\"}"),
                "options.schedulerOptions: must be a JSON object");
    }

    @Test
    void unknownAndMistypedFieldsAreNamed() {
        refused("door-7", request("door-7", ",\"imagesPerClas\":3"),
                "imagesPerClas: unknown field (did you mean \"imagesPerClass\"?)");
        refused("door-8", request("door-8", ",\"imagesPerClass\":\"abc\""), "imagesPerClass: expected an integer, was \"abc\"");
        refused("door-9", request("door-9", ",\"imagesPerClass\":2.5"), "imagesPerClass:");
        refused("door-10", request("door-10", ",\"seed\":[1]"), "seed:");
        refused("door-11", request("door-11", ",\"classes\":\"dog\""), "classes: expected an array");
    }

    @Test
    void promptsMustNameTheirClassWithinTheTextEncodersWindow() {
        refused("door-12", "{\"jobId\":\"door-12\",\"prompts\":[\"dog: a dog\",\"cat: a dog on a sofa\"]}",
                "prompts[1]: class 'cat' is not named in its prompt 'a dog on a sofa'");
        String late = "cat: a " + "very ".repeat(80) + "small cat";
        refused("door-13", "{\"jobId\":\"door-13\",\"prompts\":[\"" + late + "\"]}",
                "prompts[0]: class 'cat' ends at word 83 of its prompt, past the 75 tokens");
        refused("door-14", "{\"jobId\":\"door-14\",\"prompts\":[\"dog: a " + "big ".repeat(600) + "dog\"]}",
                "prompts[0]: 2410 characters; the limit is 2000");
        refused("door-15", "{\"jobId\":\"door-15\",\"prompts\":[\"dog: a dog\"],\"classes\":[\"dog\",\"dog\"]}",
                "classes[1]: class 'dog' is listed twice");
    }

    @Test
    void everyErrorHasAJsonBody() {
        given().contentType("application/json").body("").post("/jobs").then().statusCode(400)
                .contentType("application/json").body("error", startsWith("the request body is empty"));
        given().post("/jobs").then().statusCode(400).contentType("application/json")
                .body("error", startsWith("the request body is empty"));
        given().contentType("application/json").body("[1, 2]").post("/jobs").then().statusCode(400)
                .contentType("application/json").body("error", containsString("expected an object"));
        given().contentType("text/plain").body("dog: a dog").post("/jobs").then().statusCode(415)
                .contentType("application/json").body("error", containsString("Content-Type: application/json"));
        given().put("/jobs").then().statusCode(405).contentType("application/json").body("error", containsString("method"));
        given().get("/jobs/door-1/nothing-here").then().statusCode(404).contentType("application/json")
                .body("error", containsString("no such resource"));
        given().get("/no-such-path").then().statusCode(404).contentType("application/json").body("status", equalTo(404));
    }
}
