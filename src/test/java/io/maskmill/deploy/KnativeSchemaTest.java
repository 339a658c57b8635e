package io.maskmill.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Knative object in knative/ and in each rendered overlay, validated against the CRDs of the
 * Knative release Terraform pins (../shared/data/knative-crds/release-X.Y), with unknown fields
 * refused as the API server refuses them. One release everywhere: the Knative version, the operator
 * chart and deploy.md agree.
 */
class KnativeSchemaTest {

    private static String release;
    private static KnativeSchemas schemas;

    @BeforeAll
    static void pinnedRelease() {
        JsonNode variables = Hcl.parse(List.of(Path.of("terraform", "variables.tf"))).elements().next();
        release = variables.at("/variable/knative_version/0/default").asText();
        assertThat(release).as("var.knative_version").matches("\\d+\\.\\d+");
        schemas = KnativeSchemas.of(release);
    }

    /** Every Knative document (group *.knative.dev) in {@code yaml}, each with a CRD in the pinned release. */
    private static List<String> violations(String yaml, String origin) {
        List<String> found = new ArrayList<>();
        int knative = 0;
        for (JsonNode doc : KnativeSchemas.documents(yaml)) {
            String apiVersion = doc.path("apiVersion").asText();
            String kind = doc.path("kind").asText();
            if (!apiVersion.contains("knative.dev/")) {
                continue; // core Kubernetes kinds: their typed fabric8 models check them (DeploymentRules)
            }
            knative++;
            assertThat(schemas.knows(apiVersion, kind)).as("%s: %s %s has no CRD in Knative %s", origin, apiVersion, kind,
                    release).isTrue();
            String where = origin + " " + kind + "/" + doc.at("/metadata/name").asText();
            schemas.violations(doc).forEach(v -> found.add(where + ": " + v));
        }
        assertThat(knative).as("Knative objects in %s", origin).isPositive();
        return found;
    }

    @Test
    void knativeManifestsMatchThePinnedReleasesSchemas() {
        List<String> found = new ArrayList<>();
        for (Path file : Manifests.yamlFiles(Manifests.KNATIVE)) {
            if (!Manifests.isKustomization(file)) {
                found.addAll(violations(Manifests.readString(file), file.toString()));
            }
        }
        assertThat(found).as("schema violations against Knative %s", release).isEmpty();
    }

    @Test
    void renderedOverlaysMatchThePinnedReleasesSchemas() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Manifests.kubectlAvailable(), "kubectl is not on the PATH");
        List<String> found = new ArrayList<>();
        for (String overlay : List.of("dev-cpu", "prod-gpu")) {
            Path dir = Path.of("k8s", "overlays", overlay);
            found.addAll(violations(Manifests.kustomize(dir), "kustomize " + dir));
        }
        assertThat(found).as("schema violations against Knative %s", release).isEmpty();
    }

    @Test
    void theGpuOnnxStagesComponentKeepsTheSchemas(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Manifests.kubectlAvailable(), "kubectl is not on the PATH");
        Files.copy(Path.of("k8s", "overlays", "prod-gpu", "environment.yaml"), dir.resolve("environment.yaml"));
        Path k8s = dir.toAbsolutePath().relativize(Path.of("k8s").toAbsolutePath());
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [%1$s/base, environment.yaml]
                components: [%1$s/components/gpu-onnx-stages, %1$s/components/aws-environment]
                """.formatted(k8s));
        assertThat(violations(Manifests.kustomize(dir), "prod-gpu + gpu-onnx-stages")).isEmpty();
    }

    @Test
    void unknownFieldsAndWrongTypesAreRefused() {
        List<String> found = violations("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: x, namespace: maskmill}
                spec:
                  template:
                    spec:
                      containerConcurency: 1
                      timeoutSeconds: soon
                      containers:
                        - image: maskmill
                          ports: [{containerPort: 8080, name: http1}]
                          resources: {requests: {cpu: 2, memory: 1Gi}}
                          readinessProbe: {httpGet: {path: /q/health/ready, port: 8080}}
                """, "typo.yaml");
        assertThat(found).anySatisfy(v -> assertThat(v).contains("containerConcurency"))
                .anySatisfy(v -> assertThat(v).contains("timeoutSeconds"));
        assertThat(found).as("int-or-string quantities and ports are fine").noneMatch(v -> v.contains("cpu") || v.contains("port"));
    }

    @Test
    void theSqsSourcesServiceAccountExistsOnlyFrom120() {
        String source = """
                apiVersion: sources.knative.dev/v1alpha1
                kind: IntegrationSource
                metadata: {name: uploads, namespace: maskmill}
                spec:
                  aws:
                    sqs: {arn: queue, region: eu-west-1}
                    auth: {serviceAccountName: maskmill-ingest}
                  sink: {ref: {apiVersion: eventing.knative.dev/v1, kind: Broker, name: maskmill}}
                """;
        JsonNode doc = KnativeSchemas.documents(source).get(0);
        assertThat(KnativeSchemas.of("1.18").violations(doc)).anySatisfy(v -> assertThat(v).contains("serviceAccountName"));
        assertThat(KnativeSchemas.of("1.20").violations(doc)).isEmpty();
        assertThatThrownBy(() -> KnativeSchemas.of("0.1")).hasMessageContaining("no Knative CRDs for release 0.1");
    }

    @Test
    void oneKnativeReleaseEverywhere() throws IOException {
        JsonNode variables = Hcl.parse(List.of(Path.of("terraform", "variables.tf"))).elements().next();
        String chart = variables.at("/variable/knative_operator_chart_version/0/default").asText();
        assertThat(chart).as("the operator chart installs the same release").startsWith("v" + release + ".");
        String deploy = Files.readString(Path.of("src", "site", "markdown", "deploy.md"));
        Matcher mentioned = Pattern.compile("Knative (?:Serving and Eventing |Operator )?v?(\\d+\\.\\d+)").matcher(deploy);
        int mentions = 0;
        while (mentioned.find()) {
            mentions++;
            assertThat(mentioned.group(1)).as("deploy.md: \"%s\"", mentioned.group()).isEqualTo(release);
        }
        assertThat(mentions).as("deploy.md names the Knative release").isPositive();
    }
}
