package io.maskmill.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The environment a container of a rendered Knative Service gets, worked out as the kubelet does
 * (envFrom first, env entries override it; Secret values are supplied by the test).
 * {@link ManifestEnvironmentSource} hands it to a @QuarkusTest application as its environment.
 */
final class ManifestEnvironment {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code service}'s one container's environment in {@code rendered}; {@code secrets} maps "name/key" to a value. */
    static Map<String, String> of(Manifests rendered, String service, Map<String, String> secrets) {
        Service s = rendered.get(Service.class, service);
        var container = DeploymentRules.container(s);
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            if (from.getConfigMapRef() == null) {
                throw new AssertionError(service + ": envFrom other than a ConfigMap is not modelled: " + from);
            }
            String prefix = Optional.ofNullable(from.getPrefix()).orElse("");
            rendered.get(ConfigMap.class, from.getConfigMapRef().getName()).getData()
                    .forEach((k, v) -> env.put(prefix + k, v));
        }
        for (EnvVar e : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            if (e.getValueFrom() == null) {
                env.put(e.getName(), Optional.ofNullable(e.getValue()).orElse(""));
            } else if (e.getValueFrom().getSecretKeyRef() != null) {
                var ref = e.getValueFrom().getSecretKeyRef();
                String value = secrets.get(ref.getName() + "/" + ref.getKey());
                if (value == null) {
                    throw new AssertionError(service + ": " + e.getName() + " reads Secret " + ref.getName() + "/"
                            + ref.getKey() + ", which the test does not supply");
                }
                env.put(e.getName(), value);
            } else if (e.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = e.getValueFrom().getConfigMapKeyRef();
                env.put(e.getName(), rendered.get(ConfigMap.class, ref.getName()).getData().get(ref.getKey()));
            } else {
                throw new AssertionError(service + ": " + e.getName() + ": valueFrom " + e.getValueFrom() + " is not modelled");
            }
        }
        return env;
    }

    /** Writes {@code env} where {@link ManifestEnvironmentSource#FILE_PROPERTY} can point at it. */
    static Path write(Map<String, String> env, String name) {
        try {
            Path file = Path.of("target", "manifest-environment", name + ".json").toAbsolutePath();
            Files.createDirectories(file.getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), new TreeMap<>(env));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
