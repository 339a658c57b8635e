package io.maskmill.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.maskmill.config.ConfigNames;
import io.maskmill.testing.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

/** With tokens configured, a CloudEvent that would start or advance a job needs one, at / and at /<function>. */
@QuarkusTest
@TestProfile(EventRoutesNeedTheTokenTest.WithToken.class)
class EventRoutesNeedTheTokenTest {
    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(ConfigNames.API_TOKENS, "s3cret");
        }
    }

    private static RequestSpecification jobRequested(String jobId) {
        return given().header("ce-specversion", "1.0").header("ce-id", UUID.randomUUID().toString())
                .header("ce-source", "/tests").header("ce-type", "maskmill.job.requested").contentType("application/json")
                .body(Payloads.jobRequested(jobId, "[{\"class\":\"dog\",\"prompt\":\"a dog\"}]"));
    }

    @Test
    void anEventWithoutTheTokenStartsNothing() {
        for (String path : new String[] {"/", "/ingest", "/ingest/", "/sample", "/sample-batch", "/ledger-planned"}) {
            jobRequested("unauthenticated").post(path).then().statusCode(401)
                    .header("WWW-Authenticate", "Bearer").body("error", equalTo("missing or wrong bearer token"));
            jobRequested("unauthenticated").header("Authorization", "Bearer s3cre").post(path).then().statusCode(401);
        }
        given().get("/jobs/unauthenticated").then().statusCode(401);
    }

    @Test
    void anEventWithTheTokenGetsPastTheGuard() {
        // the CloudEvent gate answers now: the event reached the function routes (and starts no job here)
        jobRequested("misrouted").header("Authorization", "Bearer s3cret").post("/sample").then().statusCode(400)
                .body("error", containsString("consumed by function 'ingest'"));
        given().header("ce-specversion", "1.0").header("ce-id", "1").header("ce-source", "/tests")
                .header("ce-type", "com.example.unknown").header("Authorization", "bearer s3cret")
                .contentType("application/json").body("{}").post("/").then().statusCode(400)
                .body("error", containsString("unknown event type"));
        given().header("Authorization", "Bearer s3cret").get("/jobs/no-such-job").then().statusCode(404);
    }

    @Test
    void healthAndOpenApiStayOpen() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
