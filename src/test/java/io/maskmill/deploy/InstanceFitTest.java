package io.maskmill.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every pod fits the node it is meant for: its requests (plus Knative's queue-proxy sidecar) and the
 * node's DaemonSets stay within the allocatable resources of each instance type Terraform lets the
 * node group use (src/test/resources/deploy/instance-types.csv); a GPU pod lands on a type with a GPU.
 */
class InstanceFitTest {
    /** Knative's queue-proxy sidecar: config-deployment's queue-sidecar-cpu-request default; no memory request. */
    static final long QUEUE_PROXY_MILLIS = 25;
    /** DaemonSets on every node: aws-node (VPC CNI, with its network policy agent) 25m, kube-proxy 100m; the NVIDIA device plugin requests nothing. */
    static final long DAEMONSET_MILLIS = 125;
    static final long DAEMONSET_MIB = 0;

    record InstanceType(String name, int gpus, long allocatableMillis, long allocatableMib) {}

    private static Map<String, InstanceType> table;
    private static TerraformFiles tf;

    @BeforeAll
    static void read() throws IOException {
        table = new TreeMap<>();
        try (InputStream in = InstanceFitTest.class.getResourceAsStream("/deploy/instance-types.csv")) {
            String csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : csv.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("instance,")).toList()) {
                String[] f = line.split(",");
                table.put(f[0], new InstanceType(f[0], Integer.parseInt(f[3]), Long.parseLong(f[5]), Long.parseLong(f[6])));
            }
        }
        tf = TerraformFiles.parse();
    }

    private static List<InstanceType> types(String variable) {
        List<InstanceType> out = new ArrayList<>();
        for (JsonNode t : tf.variableDefault(variable)) {
            InstanceType type = table.get(t.asText());
            assertThat(type).as("%s (var.%s) is not in instance-types.csv: add its allocatable figures", t.asText(), variable)
                    .isNotNull();
            out.add(type);
        }
        assertThat(out).as("var.%s", variable).isNotEmpty();
        return out;
    }

    static long millis(Quantity q) {
        return q.getNumericalAmount().multiply(BigDecimal.valueOf(1000)).longValueExact();
    }

    static long mib(Quantity q) {
        return q.getNumericalAmount().divide(BigDecimal.valueOf(1024 * 1024)).longValue();
    }

    /** The failures of {@code s} on {@code type}; empty when it fits. */
    static List<String> misfits(Service s, InstanceType type) {
        var resources = DeploymentRules.container(s).getResources();
        String where = s.getMetadata().getName() + " on " + type.name();
        List<String> out = new ArrayList<>();
        long cpu = millis(resources.getRequests().get("cpu")) + QUEUE_PROXY_MILLIS + DAEMONSET_MILLIS;
        long memory = mib(resources.getRequests().get("memory")) + DAEMONSET_MIB;
        long memoryLimit = mib(resources.getLimits().get("memory")) + DAEMONSET_MIB;
        if (cpu > type.allocatableMillis()) {
            out.add(where + ": " + cpu + "m CPU requested with sidecar and DaemonSets > " + type.allocatableMillis() + "m allocatable");
        }
        if (memory > type.allocatableMib()) {
            out.add(where + ": " + memory + " MiB requested > " + type.allocatableMib() + " MiB allocatable");
        }
        if (memoryLimit > type.allocatableMib()) {
            out.add(where + ": memory limit " + memoryLimit + " MiB > " + type.allocatableMib() + " MiB allocatable (the node would OOM first)");
        }
        if (DeploymentRules.gpus(s) > type.gpus()) {
            out.add(where + ": " + DeploymentRules.gpus(s) + " GPU(s) asked, " + type.gpus() + " on the node");
        }
        return out;
    }

    private static void everyPodFits(Manifests m) {
        List<String> misfits = new ArrayList<>();
        for (Service s : m.of(Service.class)) {
            for (InstanceType type : types(DeploymentRules.gpus(s) > 0 ? "gpu_instance_types" : "cpu_instance_types")) {
                misfits.addAll(misfits(s, type));
            }
        }
        assertThat(misfits).isEmpty();
    }

    @Test
    void theCommittedServicesFitTheirNodes() {
        everyPodFits(Manifests.read(Manifests.KNATIVE, Path.of("k8s", "base")));
    }

    @Test
    void theRenderedOverlaysFitTheirNodes() {
        Assumptions.assumeTrue(Manifests.kubectlAvailable(), "kubectl is not on the PATH");
        everyPodFits(Manifests.render(Path.of("k8s", "overlays", "prod-gpu")));
        everyPodFits(Manifests.render(Path.of("k8s", "overlays", "dev-cpu")));
    }

    @Test
    void aPodAsLargeAsTheNodeDoesNotFit() {
        Service whole = Manifests.parse("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: maskmill-sample}
                spec:
                  template:
                    spec:
                      containers:
                        - image: maskmill-cuda
                          resources:
                            requests: {cpu: "4", memory: 16Gi}
                            limits: {cpu: "8", memory: 24Gi, nvidia.com/gpu: "1"}
                """, "whole-node.yaml").stream().map(m -> (Service) m.object()).findFirst().orElseThrow();
        assertThat(misfits(whole, table.get("g5.xlarge"))).hasSize(3);
        assertThat(misfits(whole, table.get("m6i.xlarge"))).anySatisfy(m -> assertThat(m).contains("GPU"));
    }
}
