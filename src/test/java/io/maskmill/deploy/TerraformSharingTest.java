package io.maskmill.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Terraform a team can share: remote state with locking, nothing local in git, the image where the
 * ECR repository expects it, and the public API behind TLS only.
 */
class TerraformSharingTest {
    private static TerraformFiles tf;

    @BeforeAll
    static void parse() {
        tf = TerraformFiles.parse();
    }

    @Test
    void stateIsRemoteAndLocked() {
        List<JsonNode> settings = tf.settings();
        JsonNode backend = settings.stream().map(t -> t.at("/backend/s3/0")).filter(b -> !b.isMissingNode())
                .findFirst().orElseThrow(() -> new AssertionError("no backend \"s3\" in terraform {}"));
        assertThat(backend.path("use_lockfile").asBoolean()).as("S3 native locking").isTrue();
        assertThat(backend.path("encrypt").asBoolean()).isTrue();
        String required = settings.stream().map(t -> t.path("required_version").asText()).filter(v -> !v.isEmpty())
                .findFirst().orElseThrow();
        Matcher version = Pattern.compile(">=\\s*1\\.(\\d+)").matcher(required);
        assertThat(version.find()).as("required_version %s", required).isTrue();
        assertThat(Integer.parseInt(version.group(1))).as("use_lockfile needs Terraform 1.10").isGreaterThanOrEqualTo(10);
        assertThat(TerraformFiles.DIR.resolve("backend.hcl.example")).exists();
    }

    @Test
    void stateAndLocalFilesAreIgnored() throws IOException {
        List<String> ignored = Files.readAllLines(Path.of(".gitignore"));
        assertThat(ignored).contains(".terraform/", "*.tfstate", "*.tfstate.*", "terraform/backend.hcl")
                .noneMatch(l -> !l.startsWith("#") && l.contains(".terraform.lock.hcl"));
    }

    @Test
    void theImageIsPushedWhereTheEcrRepositoryIs() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Map<String, String> properties = new TreeMap<>();
        Matcher m = Pattern.compile("<(quarkus\\.container-image\\.[a-z]+)>([^<]*)</\\1>").matcher(pom);
        while (m.find()) {
            properties.putIfAbsent(m.group(1), m.group(2));
        }
        assertThat(properties).as("no group: Quarkus would default it to the build user's name")
                .containsEntry("quarkus.container-image.group", "");
        String prefix = tf.variableDefault("name_prefix").asText();
        JsonNode repositories = tf.block("resource", "aws_ecr_repository", "images").path("for_each");
        assertThat(repositories.path("cpu").asText()).isEqualTo("${var.name_prefix}");
        assertThat(repositories.path("cuda").asText()).isEqualTo("${var.name_prefix}-cuda");
        assertThat(properties.get("quarkus.container-image.name")).isEqualTo(prefix);
        assertThat(pom).contains("<quarkus.container-image.name>" + prefix + "-cuda</quarkus.container-image.name>");
    }

    @Test
    void thePublicApiIsServedOverTlsOnly() {
        assertThat(tf.local("api_host").asText()).as("Knative's host for the public service (domain-template {{.Name}}.{{.Domain}})")
                .isEqualTo(DeploymentRules.API + ".${var.api_domain}");
        JsonNode serving = null;
        for (JsonNode r : tf.local("knative_resources")) {
            if (r.path("kind").asText().equals("KnativeServing")) {
                serving = r;
            }
        }
        assertThat(serving).isNotNull();
        assertThat(serving.at("/spec/config/network/domain-template").asText()).isEqualTo("{{.Name}}.{{.Domain}}");
        assertThat(serving.at("/spec/ingress/kourier/service-type").asText()).as("Kourier's own Service is not exposed")
                .isEqualTo("ClusterIP");
        JsonNode gateway = tf.block("resource", "kubernetes_service_v1", "api_gateway");
        JsonNode annotations = gateway.at("/metadata/0/annotations");
        assertThat(annotations.path("service.beta.kubernetes.io/aws-load-balancer-ssl-cert").asText())
                .contains("aws_acm_certificate_validation.api");
        assertThat(annotations.path("service.beta.kubernetes.io/aws-load-balancer-ssl-ports").asText()).isEqualTo("https");
        JsonNode ports = gateway.at("/spec/0/port");
        assertThat(ports.size()).as("one listener, TLS").isEqualTo(1);
        assertThat(ports.get(0).path("port").asInt()).isEqualTo(443);
        assertThat(ports.get(0).path("name").asText()).isEqualTo("https");
        assertThat(tf.block("resource", "aws_acm_certificate", "api").path("domain_name").asText()).isEqualTo("${local.api_host}");
        assertThat(tf.block("resource", "aws_route53_record", "api").path("name").asText()).isEqualTo("${local.api_host}");
    }
}
