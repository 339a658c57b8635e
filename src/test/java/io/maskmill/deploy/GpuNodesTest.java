package io.maskmill.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.knative.serving.v1.Service;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GPU node group works and costs nothing idle: NVIDIA's device plugin lands on its nodes, the
 * root volume is set where the module honours it, the group rests at zero and the cluster
 * autoscaler knows from the group's tags what a new node would offer.
 */
class GpuNodesTest {
    private static TerraformFiles tf;
    private static Map<String, String> gpuLabels;

    @BeforeAll
    static void parse() {
        tf = TerraformFiles.parse();
        gpuLabels = strings(tf.local("gpu_node_labels"));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new TreeMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    @Test
    void theDevicePluginIsScheduledOnTheGpuNodes() {
        JsonNode values = tf.local("nvidia_device_plugin_values");
        // the chart's default affinity wants NFD labels no node here has: it must be replaced, by labels the group sets
        JsonNode terms = values.at("/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms");
        assertThat(terms.size()).as("nodeSelectorTerms").isPositive();
        boolean anyTermMatches = false;
        for (JsonNode term : terms) {
            boolean all = true;
            for (JsonNode e : term.path("matchExpressions")) {
                assertThat(e.path("operator").asText()).isIn("In", "Exists");
                String label = gpuLabels.get(e.path("key").asText());
                List<String> allowed = new java.util.ArrayList<>();
                e.path("values").forEach(v -> allowed.add(v.asText()));
                all &= label != null && (e.path("operator").asText().equals("Exists") || allowed.contains(label));
            }
            anyTermMatches |= all;
        }
        assertThat(anyTermMatches).as("the device plugin's affinity matches the GPU node labels %s", gpuLabels).isTrue();
        assertThat(gpuLabels).containsAllEntriesOf(strings(values.path("nodeSelector")));
        JsonNode taint = tf.local("gpu_node_taint");
        assertThat(values.path("tolerations")).anySatisfy(t -> {
            assertThat(t.path("key").asText()).isEqualTo(taint.path("key").asText());
            assertThat(t.path("operator").asText()).isEqualTo("Exists");
        });
        assertThat(tf.block("resource", "helm_release", "nvidia_device_plugin").path("values").toString())
                .contains("local.nvidia_device_plugin_values");
    }

    @Test
    void theRootVolumeIsSetInTheLaunchTemplateAndFitsTheCudaImage() {
        JsonNode gpu = tf.local("gpu_node_group").path("gpu");
        assertThat(gpu.has("disk_size")).as("disk_size is ignored with the module's launch template").isFalse();
        JsonNode root = gpu.at("/block_device_mappings/root");
        assertThat(root.path("device_name").asText()).as("AL2023's root device").isEqualTo("/dev/xvda");
        assertThat(root.at("/ebs/volume_size").asText()).isEqualTo("${var.gpu_disk_size_gb}");
        assertThat(tf.variableDefault("gpu_disk_size_gb").asInt()).as("GiB for AMI + CUDA image + models").isGreaterThanOrEqualTo(60);
    }

    @Test
    void theGroupRestsAtZeroAndTheAutoscalerCanWakeIt() {
        JsonNode gpu = tf.local("gpu_node_group").path("gpu");
        assertThat(gpu.path("min_size").asText()).isEqualTo("${var.gpu_node_min}");
        assertThat(gpu.path("desired_size").asText()).as("starts at its minimum").isEqualTo("${var.gpu_node_min}");
        assertThat(tf.variableDefault("gpu_node_min").asInt()).isZero();
        assertThat(gpu.path("labels").asText()).isEqualTo("${local.gpu_node_labels}");
        // scale from zero: the ASG's tags describe the node the autoscaler cannot see yet
        Map<String, String> tags = strings(tf.local("gpu_autoscaler_tags"));
        assertThat(tags).containsEntry("k8s.io/cluster-autoscaler/enabled", "true")
                .containsEntry("k8s.io/cluster-autoscaler/${var.name_prefix}", "owned")
                .containsEntry("k8s.io/cluster-autoscaler/node-template/resources/nvidia.com/gpu", "1");
        gpuLabels.forEach((k, v) -> assertThat(tags).containsEntry("k8s.io/cluster-autoscaler/node-template/label/" + k, v));
        JsonNode taint = tf.local("gpu_node_taint");
        assertThat(taint.path("effect").asText()).isEqualTo("NO_SCHEDULE");
        assertThat(tags).containsEntry("k8s.io/cluster-autoscaler/node-template/taint/" + taint.path("key").asText(),
                taint.path("value").asText() + ":NoSchedule");
        JsonNode asgTag = tf.block("resource", "aws_autoscaling_group_tag", "gpu");
        assertThat(asgTag.path("for_each").asText()).contains("local.gpu_autoscaler_tags");
        assertThat(asgTag.path("autoscaling_group_name").asText()).contains("eks_managed_node_groups[\"gpu\"]");
        JsonNode autoscaler = tf.block("resource", "helm_release", "cluster_autoscaler");
        assertThat(autoscaler.path("chart").asText()).isEqualTo("cluster-autoscaler");
        assertThat(autoscaler.path("values").toString()).contains("autoDiscovery").contains("aws_iam_role.cluster_autoscaler.arn");
        String kubernetes = tf.variableDefault("kubernetes_version").asText();
        assertThat(tf.variableDefault("cluster_autoscaler_version").asText()).as("autoscaler minor = cluster minor")
                .startsWith("v" + kubernetes + ".");
    }

    @Test
    void gpuServicesSelectAndTolerateWhatTheGroupSets() {
        Assumptions.assumeTrue(Manifests.kubectlAvailable(), "kubectl is not on the PATH");
        Manifests prod = Manifests.render(Path.of("k8s", "overlays", "prod-gpu"));
        JsonNode taint = tf.local("gpu_node_taint");
        for (Service s : prod.of(Service.class)) {
            if (DeploymentRules.gpus(s) == 0) {
                continue;
            }
            assertThat(gpuLabels).as("labels %s selects", s.getMetadata().getName())
                    .containsAllEntriesOf(DeploymentRules.revision(s).getNodeSelector());
            assertThat(DeploymentRules.revision(s).getTolerations()).anySatisfy(t -> {
                assertThat(t.getKey()).isEqualTo(taint.path("key").asText());
                assertThat(t.getEffect()).isEqualTo("NoSchedule");
            });
        }
    }
}
