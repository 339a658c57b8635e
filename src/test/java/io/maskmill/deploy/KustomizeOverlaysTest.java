package io.maskmill.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.maskmill.config.ConfigNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overlays as kustomize renders them (kubectl's built-in kustomize), checked with the same rules as knative/. */
class KustomizeOverlaysTest {

    private static final Path DEV = Path.of("k8s", "overlays", "dev-cpu");
    private static final Path PROD = Path.of("k8s", "overlays", "prod-gpu");
    private static final Set<String> GPU_CAPABLE = Set.of("maskmill-sample", "maskmill-place", "maskmill-harmonize");

    @BeforeAll
    static void needsKubectl() {
        Assumptions.assumeTrue(Manifests.kubectlAvailable(), "kubectl (with its built-in kustomize) is not on the PATH");
    }

    @Test
    void everyPathAKustomizationNamesExists() throws IOException {
        for (Path file : Manifests.yamlFiles(Path.of("k8s"))) {
            if (Manifests.isKustomization(file)) {
                JsonNode k = new YAMLMapper().readTree(file.toFile());
                for (String field : new String[] {"resources", "components"}) {
                    for (JsonNode entry : k.path(field)) {
                        assertThat(file.getParent().resolve(entry.asText())).as("%s in %s", entry.asText(), file).exists();
                    }
                }
            }
        }
    }

    @Test
    void devOverlayRunsEverythingOnCpus() {
        Manifests dev = Manifests.render(DEV);
        DeploymentRules.allRules(dev);
        for (Service s : dev.of(Service.class)) {
            assertThat(DeploymentRules.gpus(s)).as("GPUs of %s on the CPU-only cluster", s.getMetadata().getName()).isZero();
            assertThat(DeploymentRules.revision(s).getTolerations()).as("tolerations of %s", s.getMetadata().getName()).isNullOrEmpty();
        }
        assertThat(dev.get(ConfigMap.class, "maskmill-config").getData()).as("on CPUs one image per UNet call")
                .containsEntry(io.maskmill.config.ConfigNames.env(io.maskmill.config.ConfigNames.SAMPLE_BATCH_SIZE), "1");
        assertFilledFrom(dev, DEV);
    }

    @Test
    void prodOverlayRunsSampleOnAGpu() {
        Manifests prod = Manifests.render(PROD);
        DeploymentRules.allRules(prod);
        assertThat(prod.of(Service.class)).filteredOn(s -> DeploymentRules.gpus(s) > 0)
                .extracting(DeploymentRules::name).containsExactly("maskmill-sample");
        assertFilledFrom(prod, PROD);
    }

    @Test
    void gpuOnnxStagesComponentMovesPlaceAndHarmonizeToGpus(@TempDir Path dir) throws IOException {
        Files.copy(PROD.resolve("environment.yaml"), dir.resolve("environment.yaml"));
        // kustomize takes only relative paths to other kustomizations
        Path k8s = dir.toAbsolutePath().relativize(Path.of("k8s").toAbsolutePath());
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %1$s/base
                  - environment.yaml
                components:
                  - %1$s/components/gpu-onnx-stages
                  - %1$s/components/aws-environment
                """.formatted(k8s));
        Manifests rendered = Manifests.render(dir);
        DeploymentRules.allRules(rendered);
        assertThat(rendered.of(Service.class)).filteredOn(s -> DeploymentRules.gpus(s) > 0)
                .extracting(DeploymentRules::name).containsExactlyInAnyOrderElementsOf(GPU_CAPABLE);
        assertFilledFrom(rendered, dir);
    }

    /** Every per-environment value came from the overlay's environment.yaml: no placeholder is left. */
    private static void assertFilledFrom(Manifests rendered, Path overlay) {
        Map<String, String> env = OverlayEnvironment.of(overlay);
        assertThat(rendered.find(ConfigMap.class, "maskmill-environment")).as("local-config is never applied").isEmpty();
        for (ServiceAccount sa : rendered.of(ServiceAccount.class)) {
            String key = "ROLE_ARN_" + sa.getMetadata().getName().substring("maskmill-".length()).replace('-', '_').toUpperCase();
            assertThat(sa.getMetadata().getAnnotations()).as("IRSA role of %s", sa.getMetadata().getName())
                    .containsEntry("eks.amazonaws.com/role-arn", env.get(key));
        }
        for (Service s : rendered.of(Service.class)) {
            String variant = s.getMetadata().getLabels().get("maskmill.io/image");
            assertThat(DeploymentRules.container(s).getImage()).as("image of %s", s.getMetadata().getName())
                    .isEqualTo(env.get(variant.equals("cuda") ? "IMAGE_CUDA" : "IMAGE"));
        }
        var config = rendered.get(ConfigMap.class, "maskmill-config").getData();
        assertThat(config).containsEntry(ConfigNames.env(ConfigNames.STORE_BUCKET), env.get("BUCKET"))
                .containsEntry(ConfigNames.env(ConfigNames.STORE_ALLOWED_BUCKETS), env.get("BUCKET"))
                .containsEntry(ConfigNames.env(ConfigNames.STORE_S3_REGION), env.get("AWS_REGION"));
        String modelsUri = config.get(ConfigNames.env(ConfigNames.MODELS_URI));
        Matcher models = Pattern.compile("s3://([^/]+)/models/.+").matcher(modelsUri);
        assertThat(models.matches()).as("models URI %s", modelsUri).isTrue();
        assertThat(models.group(1)).isEqualTo(env.get("BUCKET"));
        var source = rendered.of(io.fabric8.knative.sources.v1alpha1.IntegrationSource.class).get(0).getSpec().getAws().getSqs();
        assertThat(source.getArn()).isEqualTo(env.get("PROMPT_QUEUE"));
        assertThat(source.getRegion()).isEqualTo(env.get("AWS_REGION"));
        var sink = rendered.of(io.fabric8.knative.sinks.v1alpha1.IntegrationSink.class).get(0).getSpec().getAws().getSqs();
        assertThat(sink.getArn()).isEqualTo(env.get("DEAD_LETTER_QUEUE"));
        assertThat(sink.getRegion()).isEqualTo(env.get("AWS_REGION"));
    }
}
