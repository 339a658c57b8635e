package io.maskmill.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.maskmill.config.ConfigNames;
import io.maskmill.testing.CloudEvents;
import io.maskmill.testing.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The public API instance (event routes off) serves the jobs API and no function, token or not. */
@QuarkusTest
@TestProfile(JobsApiOnlyTest.ApiOnly.class)
class JobsApiOnlyTest {
    public static class ApiOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(ConfigNames.API_EVENT_ROUTES, "false");
        }
    }

    @Test
    void eventRoutesAreNotServed() {
        CloudEvents.binary("maskmill.job.requested", Payloads.jobRequested("via-event", "[\"a dog\"]")).then()
                .statusCode(404).body("error", containsString("jobs API only"));
        CloudEvents.structured("maskmill.sample.requested", Payloads.sampleRequested("j", "s1")).then().statusCode(404);
        given().contentType("application/json").body("{}").post("/export").then().statusCode(404);
    }

    @Test
    void theJobsApiStillAnswers() {
        given().get("/jobs/no-such-job").then().statusCode(404).body("error", containsString("no job"));
    }
}
