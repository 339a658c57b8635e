package io.maskmill.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Kubernetes and Knative objects of a set of YAML files (or of a rendered kustomization), each
 * deserialized into its typed fabric8 model class, with the file it came from.
 */
final class Manifests {

    static final Path KNATIVE = Path.of("knative");
    static final Path K8S = Path.of("k8s");

    /** One object and where it was read. */
    record Manifest(HasMetadata object, String origin) {}

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final List<Manifest> manifests;

    private Manifests(List<Manifest> manifests) {
        this.manifests = List.copyOf(manifests);
    }

    /** Every *.yaml file below {@code root}, in path order. */
    static List<Path> yamlFiles(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("no directory " + root.toAbsolutePath() + " (run the tests from the repository root)");
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isKustomization(Path file) {
        return file.getFileName().toString().equals("kustomization.yaml");
    }

    /** The Kubernetes objects in every YAML file below {@code roots}; kustomization files are not objects and are skipped. */
    static Manifests read(Path... roots) {
        List<Manifest> all = new ArrayList<>();
        for (Path root : roots) {
            for (Path file : yamlFiles(root)) {
                if (!isKustomization(file)) {
                    all.addAll(parse(readString(file), file.toString()));
                }
            }
        }
        return new Manifests(all);
    }

    /** The objects in {@code yaml} (e.g. a kustomize render), named by {@code origin} in errors. */
    static Manifests of(String yaml, String origin) {
        return new Manifests(parse(yaml, origin));
    }

    /** The objects {@code kubectl kustomize dir} renders. */
    static Manifests render(Path kustomizationDir) {
        return new Manifests(parse(kustomize(kustomizationDir), "kustomize " + kustomizationDir));
    }

    static boolean kubectlAvailable() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String kustomize(Path dir) {
        return kustomize(dir, false);
    }

    /**
     * {@code kubectl kustomize dir}; {@code outsideRoot} lets it read files outside {@code dir} (the
     * thesaurus build's overlays read their environment's environment.yaml from the parent overlay).
     */
    static String kustomize(Path dir, boolean outsideRoot) {
        try {
            List<String> command = new ArrayList<>(List.of("kubectl", "kustomize", dir.toString()));
            if (outsideRoot) {
                command.add("--load-restrictor=LoadRestrictionsNone");
            }
            Process p = new ProcessBuilder(command).start();
            var err = p.getErrorStream();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String errors = new String(err.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + errors);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted rendering " + dir, e);
        }
    }

    /** Each YAML document of {@code yaml} as its typed model; a document of no known kind is an error. */
    static List<Manifest> parse(String yaml, String origin) {
        List<Manifest> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            int index = 0;
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                index++;
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                String where = origin + " document " + index;
                if (!doc.hasNonNull("apiVersion") || !doc.hasNonNull("kind")) {
                    throw new IllegalArgumentException(where + ": no apiVersion/kind");
                }
                KubernetesResource resource = SERIALIZATION.convertValue(doc, KubernetesResource.class);
                if (resource instanceof GenericKubernetesResource || !(resource instanceof HasMetadata)) {
                    throw new IllegalArgumentException(where + ": " + doc.get("apiVersion").asText() + " "
                            + doc.get("kind").asText() + " has no typed model class (a typo in apiVersion or kind?)");
                }
                out.add(new Manifest((HasMetadata) resource, where));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
        return out;
    }

    static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Manifest> all() {
        return manifests;
    }

    <T extends HasMetadata> List<T> of(Class<T> type) {
        return manifests.stream().map(Manifest::object).filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return of(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(
                () -> new AssertionError("no " + type.getSimpleName() + " named " + name));
    }
}
