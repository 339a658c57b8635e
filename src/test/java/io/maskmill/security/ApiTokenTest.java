package io.maskmill.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With tokens configured (the exposed jobs API in the cluster), requests need a bearer token. */
@QuarkusTest
@TestProfile(ApiTokenTest.WithToken.class)
class ApiTokenTest {
    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("maskmill.api.tokens", "s3cret,other");
        }
    }

    @Test
    void jobsNeedTheToken() {
        given().get("/jobs/any").then().statusCode(401).body("error", equalTo("missing or wrong bearer token"));
        given().header("Authorization", "Bearer wrong").get("/jobs/any").then().statusCode(401);
        given().header("Authorization", "Bearer s3cret").get("/jobs/any").then().statusCode(404);
    }

    @Test
    void healthNeedsNoToken() {
        given().get("/q/health/live").then().statusCode(200);
        // readiness answers without a token too: UP, or DOWN (503) while the models are still loading
        given().get("/q/health/ready").then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200),
                org.hamcrest.Matchers.is(503))).body("status", org.hamcrest.Matchers.notNullValue());
    }
}
