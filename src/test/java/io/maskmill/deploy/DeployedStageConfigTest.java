package io.maskmill.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.maskmill.config.ConfigNames;
import io.maskmill.security.ApiConfig;
import io.maskmill.store.StoreConfig;
import io.maskmill.testing.CloudEvents;
import io.maskmill.testing.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stage (ingest) started with exactly the environment the dev-cpu overlay gives it: it serves its
 * one function, takes the Broker's events without a token, and uses the environment's bucket.
 */
@QuarkusTest
@TestProfile(DeployedStageConfigTest.DevIngest.class)
class DeployedStageConfigTest {
    static final Path DEV = Path.of("k8s", "overlays", "dev-cpu");

    public static class DevIngest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (!Manifests.kubectlAvailable()) {
                return Map.of();
            }
            Map<String, String> env = ManifestEnvironment.of(Manifests.render(DEV), "maskmill-ingest", Map.of());
            return Map.of(ManifestEnvironmentSource.FILE_PROPERTY,
                    ManifestEnvironment.write(env, "dev-cpu-maskmill-ingest").toString());
        }
    }

    @Inject
    StoreConfig store;
    @Inject
    ApiConfig api;

    @BeforeEach
    void needsKubectl() {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl (with its built-in kustomize) is not on the PATH");
    }

    @Test
    void theStageExportsItsFunctionAndUsesTheEnvironmentsBucket() {
        assertThat(ConfigProvider.getConfig().getOptionalValue(ConfigNames.FUNQY_EXPORT, String.class)).contains("ingest");
        assertThat(store.type()).isEqualTo(StoreConfig.Type.S3);
        assertThat(store.bucket()).isEqualTo(OverlayEnvironment.of(DEV).get("BUCKET"));
        assertThat(api.tokens()).as("the Broker sends no token").isEmpty();
        assertThat(api.eventRoutes()).isTrue();
    }

    @Test
    void eventsArriveWithoutATokenAndOnlyItsOwnAreServed() {
        // past the guard (no 401/404): the gate refuses a type this instance does not serve
        CloudEvents.binary("maskmill.sample.requested", Payloads.sampleRequested("deployed", "s1")).then().statusCode(400)
                .body("error", containsString("this instance serves only 'ingest'"));
    }
}
