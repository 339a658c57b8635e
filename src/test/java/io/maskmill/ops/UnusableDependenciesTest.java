package io.maskmill.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.maskmill.store.ArtifactStore;
import io.maskmill.store.StoreException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A sample service whose S3 endpoint answers nothing and whose model folder is missing: it must not
 * report ready (so Kubernetes sends it no events), must say why, and must count the store's failures.
 */
@QuarkusTest
@TestProfile(UnusableDependenciesTest.Broken.class)
class UnusableDependenciesTest {
    public static class Broken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("maskmill.store.type", "s3", "maskmill.store.bucket", "nowhere",
                    "maskmill.store.s3.endpoint", "http://127.0.0.1:" + closedPort(),
                    "maskmill.store.s3.path-style", "true",
                    "maskmill.models.uri", "target/no-such-model-folder",
                    "quarkus.funqy.export", "sample");
        }
    }

    @Inject
    ArtifactStore store;

    @Test
    void notReadyWhileTheStoreIsUnreachableOrTheModelIsMissing() throws InterruptedException {
        JsonPath health = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
        assertEquals("DOWN", health.getString("checks.find { it.name == 'store' }.status"), health.prettify());
        assertTrue(health.getString("checks.find { it.name == 'store' }.data.error").contains("nowhere"),
                health.prettify());
        // the model check runs in the background: DOWN while it runs, then DOWN with the reason
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String state;
        do {
            health = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
            state = health.getString("checks.find { it.name == 'models' }.data.state");
            Thread.sleep(100);
        } while (!"failed".equals(state) && System.nanoTime() < deadline);
        assertEquals("DOWN", health.getString("checks.find { it.name == 'models' }.status"));
        assertTrue(health.getString("checks.find { it.name == 'models' }.data.error").contains("no-such-model-folder"),
                health.prettify());
        // liveness is not readiness: the process is fine, restarting it would not help
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void storeFailuresAreCounted() {
        double before = ObservabilityTest.count(metrics(), "maskmill_store_errors_total", "operation=\"get\"");
        assertThrows(StoreException.class, () -> store.get("jobs/x/job.json"));
        assertEquals(before + 1, ObservabilityTest.count(metrics(), "maskmill_store_errors_total", "operation=\"get\""));
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
