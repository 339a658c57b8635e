package io.maskmill.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.maskmill.config.ConfigNames.env;

import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.maskmill.config.ConfigNames;
import io.maskmill.events.EventType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** knative/ plus k8s/base, as committed, against the routing table in {@link EventType}. */
class KnativeManifestsTest {

    private final Manifests manifests = Manifests.read(Manifests.KNATIVE, Path.of("k8s", "base"));

    @Test
    void everyConsumedEventTypeIsRoutedToTheFunctionThatConsumesIt() {
        DeploymentRules.routesEveryConsumedEvent(manifests);
    }

    @Test
    void everyDeliveryRetriesWithBackoffThenGoesToTheDeadLetterQueue() {
        DeploymentRules.retriesThenDeadLetters(manifests);
    }

    @Test
    void stageServicesAreClusterLocalAndOnlyTheAuthenticatedApiIsExposed() {
        DeploymentRules.onlyTheApiIsExposed(manifests);
    }

    @Test
    void servicesHaveProbesConcurrencyTimeoutsScaleBoundsAndServiceAccounts() {
        DeploymentRules.servicesAreRunnable(manifests);
    }

    @Test
    void sampleRunsOnOneGpuAndScalesToZero() {
        DeploymentRules.gpuServicesAreShapedForGpus(manifests);
        assertThat(DeploymentRules.gpus(manifests.get(Service.class, "maskmill-sample"))).isEqualTo(1);
    }

    @Test
    void sampleTakesOneBatchAtATime() {
        DeploymentRules.sampleIsSizedForItsBatch(manifests);
        var data = manifests.get(ConfigMap.class, "maskmill-config").getData();
        assertThat(Integer.parseInt(data.get(env(ConfigNames.SAMPLE_BATCH_SIZE)))).as("GPU default").isGreaterThan(1);
        String batched = "MASKMILL_SAMPLE_BATCH_SIZE: \"4\"";
        Manifests twoAtOnce = Manifests.of(config(batched) + SAMPLE.replace("containerConcurrency: 1", "containerConcurrency: 2"),
                "two.yaml");
        assertThatThrownBy(() -> DeploymentRules.sampleIsSizedForItsBatch(twoAtOnce))
                .hasMessageContaining("containerConcurrency of maskmill-sample with batches of 4");
        Manifests tooLarge = Manifests.of(config("MASKMILL_SAMPLE_BATCH_SIZE: \"65\"") + SAMPLE, "large.yaml");
        assertThatThrownBy(() -> DeploymentRules.sampleIsSizedForItsBatch(tooLarge))
                .hasMessageContaining("MASKMILL_SAMPLE_BATCH_SIZE");
    }

    private static String config(String entry) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: maskmill-config, namespace: maskmill}
                data:
                  %s
                ---
                """.formatted(entry);
    }

    private static final String SAMPLE = """
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata: {name: maskmill-sample, namespace: maskmill}
            spec:
              template:
                spec:
                  containerConcurrency: 1
                  containers:
                    - image: maskmill
                      envFrom: [{configMapRef: {name: maskmill-config}}]
            """;

    @Test
    void promptUploadsReachTheBrokerThroughTheSqsSource() {
        DeploymentRules.uploadsReachTheBroker(manifests);
    }

    @Test
    void everyVariableIsASettingTheCodeReads() {
        DeploymentRules.everyVariableIsOneTheCodeReads(manifests);
    }

    @Test
    void podsAcceptConnectionsOnlyFromKnative() {
        DeploymentRules.podsAcceptOnlyKnativeTraffic(manifests);
    }

    @Test
    void aMisnamedVariableAndAnOpenPolicyAreCaught() {
        String service = """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: maskmill-ingest, namespace: maskmill}
                spec:
                  template:
                    spec:
                      containers:
                        - image: maskmill
                          env: [{name: MASKMILL_API_TOKEN, value: x}]
                """;
        Manifests misnamed = Manifests.of(service, "misnamed.yaml");
        assertThatThrownBy(() -> DeploymentRules.everyVariableIsOneTheCodeReads(misnamed))
                .hasMessageContaining("MASKMILL_API_TOKEN");
        Manifests open = Manifests.of(service.replace("MASKMILL_API_TOKEN", "MASKMILL_API_TOKENS") + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: open, namespace: maskmill}
                spec:
                  podSelector: {}
                  policyTypes: [Ingress]
                  ingress:
                    - from: [{namespaceSelector: {}}]
                """, "open.yaml");
        DeploymentRules.everyVariableIsOneTheCodeReads(open);
        assertThatThrownBy(() -> DeploymentRules.podsAcceptOnlyKnativeTraffic(open)).hasMessageContaining("open");
        Manifests none = Manifests.of(service.replace("MASKMILL_API_TOKEN", "MASKMILL_API_TOKENS"), "none.yaml");
        assertThatThrownBy(() -> DeploymentRules.podsAcceptOnlyKnativeTraffic(none))
                .hasMessageContaining("NetworkPolicies selecting the pods of maskmill-ingest");
    }

    @Test
    void everyFieldIsKnownToTheTypedModels() {
        for (var m : manifests.all()) {
            assertThat(UnknownFields.of(m.object())).as("unknown fields in %s", m.origin()).isEmpty();
        }
    }

    @Test
    void configPointsTheStagesAtS3AndTheBroker() {
        var data = manifests.get(ConfigMap.class, "maskmill-config").getData();
        assertThat(data).containsEntry(env(ConfigNames.STORE_TYPE), "s3")
                .containsEntry(env(ConfigNames.EVENTS_DISPATCH), "http")
                .containsEntry(env(ConfigNames.INGEST_PROMPTS_PREFIX), "prompts/")
                .containsKeys(env(ConfigNames.STORE_BUCKET), env(ConfigNames.STORE_S3_REGION),
                        env(ConfigNames.STORE_ALLOWED_BUCKETS))
                .doesNotContainKey(env(ConfigNames.API_TOKENS));
        assertThat(data.get(env(ConfigNames.MODELS_URI))).startsWith("s3://").contains("/models/");
        var broker = manifests.of(io.fabric8.knative.eventing.v1.Broker.class).get(0).getMetadata();
        assertThat(data.get(env(ConfigNames.EVENTS_SINK_URL))).isEqualTo(
                "http://broker-ingress.knative-eventing.svc.cluster.local/" + broker.getNamespace() + "/" + broker.getName());
    }

    @Test
    void noSecretValueIsCommitted() {
        List<HasMetadata> all = Manifests.read(Manifests.KNATIVE, Manifests.K8S).all().stream()
                .map(Manifests.Manifest::object).toList();
        assertThat(all).noneMatch(o -> o instanceof io.fabric8.kubernetes.api.model.Secret);
    }

    @Test
    void everyObjectIsInTheMaskmillNamespace() {
        for (var m : manifests.all()) {
            if (!(m.object() instanceof io.fabric8.kubernetes.api.model.Namespace)) {
                assertThat(m.object().getMetadata().getNamespace()).as(m.origin()).isEqualTo("maskmill");
            }
        }
    }

    @Test
    void aMisspeltKindOrFieldIsCaught() {
        assertThatThrownBy(() -> Manifests.parse("apiVersion: eventing.knative.dev/v1\nkind: Triger\nmetadata: {name: x}\n", "typo.yaml"))
                .hasMessageContaining("typo.yaml document 1").hasMessageContaining("Triger");
        var parsed = Manifests.parse("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containerConcurency: 1
                      containers: [{image: maskmill}]
                """, "typo.yaml");
        assertThat(UnknownFields.of(parsed.get(0).object())).containsExactly("Service.spec.template.spec.containerConcurency");
    }
}
