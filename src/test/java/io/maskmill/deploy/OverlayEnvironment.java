package io.maskmill.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Path;
import java.util.Map;

/** An overlay's per-environment values (its environment.yaml, the ConfigMap maskmill-environment). */
final class OverlayEnvironment {
    private OverlayEnvironment() {}

    static Map<String, String> of(Path overlay) {
        return Manifests.parse(Manifests.readString(overlay.resolve("environment.yaml")), overlay.toString()).stream()
                .map(m -> (ConfigMap) m.object()).findFirst().orElseThrow().getData();
    }
}
