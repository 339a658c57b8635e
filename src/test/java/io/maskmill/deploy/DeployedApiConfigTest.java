package io.maskmill.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.maskmill.config.ConfigNames;
import io.maskmill.events.EventsConfig;
import io.maskmill.security.ApiConfig;
import io.maskmill.store.StoreConfig;
import io.maskmill.testing.CloudEvents;
import io.maskmill.testing.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public jobs API started with exactly the environment the prod-gpu overlay gives maskmill-api
 * (its ConfigMap, its literal variables, the token Secret): what the code then reads is what the
 * manifests meant. A variable the code does not read (MASKMILL_API_TOKEN, MASKMILL_STORE_S3_BUCKET)
 * would leave a default in place, and these checks fail.
 */
@QuarkusTest
@TestProfile(DeployedApiConfigTest.ProdApi.class)
class DeployedApiConfigTest {
    static final Path PROD = Path.of("k8s", "overlays", "prod-gpu");
    static final String TOKEN = "token-from-the-secret";

    public static class ProdApi implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (!Manifests.kubectlAvailable()) {
                return Map.of();
            }
            Map<String, String> env = ManifestEnvironment.of(Manifests.render(PROD), DeploymentRules.API,
                    Map.of("maskmill-api-token/token", TOKEN));
            return Map.of(ManifestEnvironmentSource.FILE_PROPERTY,
                    ManifestEnvironment.write(env, "prod-gpu-maskmill-api").toString());
        }
    }

    @Inject
    StoreConfig store;
    @Inject
    ApiConfig api;
    @Inject
    EventsConfig events;

    @BeforeEach
    void needsKubectl() {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl (with its built-in kustomize) is not on the PATH");
    }

    @Test
    void theStoreIsTheEnvironmentsBucket() {
        Map<String, String> environment = OverlayEnvironment.of(PROD);
        assertThat(store.type()).isEqualTo(StoreConfig.Type.S3);
        assertThat(store.bucket()).isEqualTo(environment.get("BUCKET"));
        assertThat(store.allAllowedBuckets()).containsExactly(environment.get("BUCKET"));
        assertThat(store.s3().region()).isEqualTo(environment.get("AWS_REGION"));
        assertThat(store.s3().endpoint()).as("AWS's own S3 endpoint").isEmpty();
    }

    @Test
    void theApiExportsNoFunctionAndPublishesToTheBroker() {
        assertThat(ConfigProvider.getConfig().getOptionalValue(ConfigNames.FUNQY_EXPORT, String.class)).isEmpty();
        assertThat(api.eventRoutes()).isFalse();
        assertThat(events.dispatch()).isEqualTo(EventsConfig.Dispatch.HTTP);
        assertThat(events.sinkUrl()).contains(URI.create("http://broker-ingress.knative-eventing.svc.cluster.local/maskmill/maskmill"));
    }

    @Test
    void tokensAreEnforced() {
        assertThat(api.tokens()).contains(List.of(TOKEN));
        given().contentType("application/json").body("{").post("/jobs").then().statusCode(401);
        given().header("Authorization", "Bearer " + TOKEN + "x").contentType("application/json").body("{")
                .post("/jobs").then().statusCode(401);
        // with the token the request gets as far as reading the body (and fails there, before any S3 call)
        given().header("Authorization", "Bearer " + TOKEN).contentType("application/json").body("{")
                .post("/jobs").then().statusCode(400).body("error", containsString("JSON"));
    }

    @Test
    void noEventRouteIsServed() {
        CloudEvents.binary("maskmill.job.requested", Payloads.jobRequested("deployed", "[\"a dog\"]")).then().statusCode(404);
        given().header("Authorization", "Bearer " + TOKEN).header("ce-specversion", "1.0").header("ce-id", "1")
                .header("ce-source", "/t").header("ce-type", "maskmill.sample.requested").contentType("application/json")
                .body(Payloads.sampleRequested("deployed", "s1")).post("/sample").then().statusCode(404);
    }
}
