package io.maskmill.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The thesaurus build Jobs as each overlay renders them: their own least-privilege role, the environment's bucket and image. */
class ThesaurusBuildJobTest {

    @Test
    void eachOverlayRendersRunnableJobs() {
        Assumptions.assumeTrue(Manifests.kubectlAvailable(), "kubectl is not on the PATH");
        for (String overlay : List.of("prod-gpu", "dev-cpu")) {
            Path dir = Path.of("k8s", "overlays", overlay);
            Map<String, String> env = OverlayEnvironment.of(dir);
            Manifests jobs = Manifests.of(Manifests.kustomize(dir.resolve("thesaurus-build"), true), dir + "/thesaurus-build");
            assertThat(jobs.get(ConfigMap.class, "thesaurus-build").getData()).containsEntry("BUCKET", env.get("BUCKET"));
            assertThat(jobs.of(Job.class)).extracting(DeploymentRules::name)
                    .containsExactlyInAnyOrder("thesaurus-build-shards", "thesaurus-build-merge");
            for (Job job : jobs.of(Job.class)) {
                var pod = job.getSpec().getTemplate().getSpec();
                assertThat(pod.getServiceAccountName()).as("ServiceAccount of %s", DeploymentRules.name(job))
                        .isEqualTo("maskmill-thesaurus-build");
                List<Container> containers = new ArrayList<>(pod.getInitContainers());
                containers.addAll(pod.getContainers());
                assertThat(containers).as("containers of %s", DeploymentRules.name(job))
                        .filteredOn(c -> c.getArgs() != null && !c.getArgs().isEmpty() && c.getArgs().get(0).equals("thesaurus-build"))
                        .singleElement().satisfies(c -> assertThat(c.getImage()).isEqualTo(env.get("IMAGE")));
                assertThat(containers).as("no image is left for kustomize to replace")
                        .noneMatch(c -> c.getImage().equals("maskmill"));
            }
            assertThat(jobs.all()).as("no placeholder bucket").noneMatch(m -> m.object().toString().contains("maskmill-artifacts"));
        }
    }

    @Test
    void itsRoleReadsTheCorpusAndWritesOnlyTheTables() {
        TerraformFiles tf = TerraformFiles.parse();
        JsonNode build = tf.local("service_accounts").path("thesaurus-build");
        String access = build.asText();
        assertThat(access).contains("s3_read = []").contains("s3_read_write = [\"thesaurus/\"]").contains("corpus_read = true");
        assertThat(tf.local("stage_access").path("corpus_read").asBoolean()).as("no other role reads the corpus").isFalse();
        tf.local("service_accounts").fields().forEachRemaining(e -> {
            if (!e.getKey().equals("thesaurus-build")) {
                assertThat(e.getValue().asText()).as("role %s", e.getKey()).doesNotContain("corpus_read");
            }
        });
    }
}
