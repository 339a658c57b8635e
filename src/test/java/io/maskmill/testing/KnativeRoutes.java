package io.maskmill.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * The routing table the cluster uses, read from the manifests in {@code knative/}: each Trigger's
 * type filter and subscriber Service, and the function each Service exports.
 */
public final class KnativeRoutes {
    private final Map<String, String> functionByType = new HashMap<>();

    private KnativeRoutes() {
    }

    public static KnativeRoutes load(Path dir) throws IOException {
        KnativeRoutes routes = new KnativeRoutes();
        Map<String, String> serviceToType = new HashMap<>();
        Map<String, String> functionByService = new HashMap<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode doc : documents(yaml, file)) {
                    String kind = doc.path("kind").asText();
                    if (kind.equals("Trigger")) {
                        String type = doc.path("spec").path("filter").path("attributes").path("type").asText(null);
                        String service = doc.path("spec").path("subscriber").path("ref").path("name").asText(null);
                        if (type != null && service != null) {
                            serviceToType.put(type, service);
                        }
                    } else if (kind.equals("Service") && doc.path("apiVersion").asText().startsWith("serving.knative.dev")) {
                        for (JsonNode env : doc.path("spec").path("template").path("spec").path("containers").path(0)
                                .path("env")) {
                            if (env.path("name").asText().equals("QUARKUS_FUNQY_EXPORT")) {
                                functionByService.put(doc.path("metadata").path("name").asText(), env.path("value").asText());
                            }
                        }
                    }
                }
            }
        }
        serviceToType.forEach((type, service) -> routes.functionByType.put(type, functionByService.get(service)));
        return routes;
    }

    private static List<JsonNode> documents(ObjectMapper yaml, Path file) throws IOException {
        YAMLParser parser = new YAMLFactory().createParser(file.toFile());
        return JsonMapper.builder().build().readValues(parser, JsonNode.class).readAll().stream()
                .filter(n -> n != null && !n.isNull() && !n.isMissingNode()).toList();
    }

    /** The function the Trigger for {@code type} delivers to; empty if no Trigger filters on it. */
    public Optional<String> functionFor(String type) {
        return Optional.ofNullable(functionByType.get(type));
    }

    public Map<String, String> table() {
        return Map.copyOf(functionByType);
    }
}
