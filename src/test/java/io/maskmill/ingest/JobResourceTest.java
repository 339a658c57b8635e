package io.maskmill.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.maskmill.store.ArtifactStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class JobResourceTest {
    @Inject
    ArtifactStore store;

    private static String job(String id, String prompts) {
        return "{\"jobId\":\"" + id + "\",\"prompts\":" + prompts + ",\"imagesPerClass\":3,\"seed\":11}";
    }

    @Test
    void postingAJobRunsItAndItsStatusIsDerivedFromTheStore() throws InterruptedException {
        String id = "api-" + Long.toString(System.nanoTime(), 36);
        given().contentType("application/json").body(job(id, "[\"dog: a dog in a park\", \"cat: a cat\"]"))
                .post("/jobs").then().statusCode(202).header("Location", endsWith("/jobs/" + id))
                .body("jobId", equalTo(id)).body("samples", equalTo(6));
        JsonPath status = awaitFinished(id);
        assertEquals("completed", status.getString("state"), status.prettify());
        assertEquals(6, status.getInt("planned"));
        assertEquals(6, status.getInt("completed") + status.getInt("rejected"));
        assertEquals(0, status.getInt("failed"));
        assertEquals(6, status.getInt("stages.sample"));
        assertEquals(status.getInt("completed"), status.getInt("stages.harmonize"));
        assertEquals(java.util.List.of("dog", "cat"), status.getList("classes"));
    }

    @Test
    void aPostThatAsksToUpgradeToHttp2IsServedOverHttp11() throws Exception {
        // Java's HttpClient at HTTP_2 on http:// sends "Upgrade: h2c" with the body, as curl --http2 does
        var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_2).build();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI + ":"
                + io.restassured.RestAssured.port + "/jobs")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(job("h2c-1", "[\"dog: a dog\"]"))).build();
        var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
        assertEquals(java.net.http.HttpClient.Version.HTTP_1_1, response.version());
    }

    @Test
    void theSameRequestAgainIsAcceptedAndADifferentOneUnderTheSameIdConflicts() {
        String body = job("api-2", "[\"dog: a dog\"]");
        given().contentType("application/json").body(body).post("/jobs").then().statusCode(202);
        given().contentType("application/json").body(body).post("/jobs").then().statusCode(202);
        given().contentType("application/json").body(job("api-2", "[\"dog: another dog\"]")).post("/jobs").then()
                .statusCode(409).body("error", containsString("already exists with a different spec"));
    }

    @Test
    void concurrentPostsOfOneIdMakeOneJobWithMatchingSpecAndPlan() throws Exception {
        for (int round = 0; round < 3; round++) {
            String id = "race-" + round;
            String dogs = job(id, "[\"dog: a dog\"]").replace("3,", "1,");
            String cats = job(id, "[\"cat: a cat\"]").replace("3,", "1,");
            int posters = 6;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(posters);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<io.restassured.response.Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < posters; i++) {
                String body = i % 2 == 0 ? dogs : cats;
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().contentType("application/json").body(body).post("/jobs");
                }));
            }
            start.countDown();
            java.util.Set<String> acceptedClasses = new java.util.TreeSet<>();
            int accepted = 0;
            for (var answer : answers) {
                io.restassured.response.Response r = answer.get();
                if (r.statusCode() == 202) {
                    accepted++;
                    acceptedClasses.add(r.jsonPath().getString("classes[0]"));
                } else {
                    assertEquals(409, r.statusCode(), r.asString());
                    org.hamcrest.MatcherAssert.assertThat(r.jsonPath().getString("error"),
                            containsString("already exists with a different spec"));
                }
            }
            pool.shutdown();
            assertEquals(1, acceptedClasses.size(), "only one spec was accepted: " + acceptedClasses);
            assertEquals(posters / 2, accepted, "every post of the winning spec is the same job, accepted");
            String winner = acceptedClasses.iterator().next();
            String spec = new String(store.get("jobs/" + id + "/job.json"));
            String plan = new String(store.get("jobs/" + id + "/plan.json"));
            org.hamcrest.MatcherAssert.assertThat(spec, containsString("\"classes\":[\"" + winner + "\"]"));
            org.hamcrest.MatcherAssert.assertThat(plan, containsString("\"className\":\"" + winner + "\""));
            assertEquals(false, plan.contains(winner.equals("dog") ? "cat" : "dog"), plan);
            awaitFinished(id); // its sample runs now, not in the middle of another test
        }
    }

    @Test
    void aPromptListInTheStoreCanBeNamed() {
        store.put("prompts/api-3.jsonl", "{\"class\":\"car\",\"prompt\":\"a red car\"}\n".getBytes(), "application/jsonl");
        given().contentType("application/json").body("{\"jobId\":\"api-3\",\"promptList\":\"prompts/api-3.jsonl\"}")
                .post("/jobs").then().statusCode(202).body("classes[0]", equalTo("car"));
    }

    @Test
    void badRequestsSayWhatIsWrong() {
        given().contentType("application/json").body("{\"jobId\": \"x\", ").post("/jobs").then().statusCode(400)
                .body("error", containsString("invalid JSON at line 1"));
        given().contentType("application/json").body("{\"jobId\":\"api-4\"}").post("/jobs").then().statusCode(400)
                .body("error", containsString("exactly one of \"prompts\""));
        given().contentType("application/json").body("{\"jobId\":\"Not Valid\",\"prompts\":[\"dog: a dog\"]}")
                .post("/jobs").then().statusCode(400).body("error", containsString("jobId 'Not Valid' is not valid"));
        given().contentType("application/json").body(job("api-5", "[\"dog: a dog\"]").replace("3,", "0,"))
                .post("/jobs").then().statusCode(400).body("error", containsString("imagesPerClass must be between"));
        given().contentType("application/json").body("{\"promptList\":\"prompts/missing.txt\"}").post("/jobs").then()
                .statusCode(404).body("error", containsString("prompts/missing.txt"));
        given().get("/jobs/no-such-job").then().statusCode(404).body("error", equalTo("no job 'no-such-job'"));
        given().get("/jobs/NOT_VALID").then().statusCode(400).body("error", containsString("jobId 'NOT_VALID'"));
    }

    @Test
    void openApiDescribesTheJobsApi() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", org.hamcrest.Matchers.hasKey("/jobs"));
    }

    private static JsonPath awaitFinished(String job) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            JsonPath status = given().get("/jobs/" + job).then().statusCode(200).extract().jsonPath();
            String state = status.getString("state");
            if (state.equals("completed") || state.equals("failed") || System.nanoTime() > deadline) {
                return status;
            }
            Thread.sleep(50);
        }
    }
}
