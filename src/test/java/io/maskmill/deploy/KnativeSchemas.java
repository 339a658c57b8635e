package io.maskmill.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The openAPIV3Schema of each Knative CustomResourceDefinition of one release
 * (../shared/data/knative-crds/release-X.Y), turned into a JSON Schema that rejects what the API
 * server would: a field the structural schema does not declare is an error (kubectl apply's strict
 * field validation) unless the schema says x-kubernetes-preserve-unknown-fields. Validation itself
 * is networknt's json-schema-validator (draft 4, the dialect OpenAPI v3 schemas derive from).
 */
final class KnativeSchemas {

    static final Path CRDS = Path.of("..", "shared", "data", "knative-crds");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

    /** "apiVersion kind" -> schema. */
    private final Map<String, JsonSchema> schemas;
    private final String release;

    private KnativeSchemas(String release, Map<String, JsonSchema> schemas) {
        this.release = release;
        this.schemas = schemas;
    }

    /** The CRDs of {@code release} (e.g. "1.20"); an error naming the folder if there are none. */
    static KnativeSchemas of(String release) {
        Path dir = CRDS.resolve("release-" + release);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no Knative CRDs for release " + release + " in " + dir.toAbsolutePath()
                    + " (the release Terraform pins must have its CRDs there)");
        }
        Map<String, JsonSchema> schemas = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    while (docs.hasNext()) {
                        JsonNode crd = docs.next();
                        if (crd == null || !"CustomResourceDefinition".equals(crd.path("kind").asText())) {
                            continue;
                        }
                        String group = crd.at("/spec/group").asText();
                        String kind = crd.at("/spec/names/kind").asText();
                        for (JsonNode version : crd.at("/spec/versions")) {
                            JsonNode schema = version.at("/schema/openAPIV3Schema");
                            if (schema.isMissingNode()) {
                                throw new IllegalStateException(file + ": " + kind + " " + version.path("name").asText()
                                        + " has no openAPIV3Schema");
                            }
                            schemas.put(group + "/" + version.path("name").asText() + " " + kind,
                                    FACTORY.getSchema(root(strict(schema.deepCopy()))));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KnativeSchemas(release, schemas);
    }

    String release() {
        return release;
    }

    boolean knows(String apiVersion, String kind) {
        return schemas.containsKey(apiVersion + " " + kind);
    }

    /** Every violation of the object's schema, as "path: message"; empty when it is valid. */
    List<String> violations(JsonNode object) {
        String key = object.path("apiVersion").asText() + " " + object.path("kind").asText();
        JsonSchema schema = Optional.ofNullable(schemas.get(key)).orElseThrow(() -> new IllegalArgumentException(
                "no CRD for " + key + " in Knative " + release + " (have " + schemas.keySet() + ")"));
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : schema.validate(object)) {
            out.add(m.getMessage());
        }
        return out.stream().sorted().toList();
    }

    /** The root of a custom resource: apiVersion and kind are strings, metadata is ObjectMeta (checked by the typed models). */
    private static JsonNode root(ObjectNode schema) {
        ObjectNode properties = schema.with("properties");
        properties.set("apiVersion", NODES.objectNode().put("type", "string"));
        properties.set("kind", NODES.objectNode().put("type", "string"));
        properties.set("metadata", NODES.objectNode().put("type", "object"));
        schema.put("additionalProperties", false);
        return schema;
    }

    /**
     * Rewrites Kubernetes' structural-schema extensions into plain JSON Schema: an object that does
     * not preserve unknown fields admits only its declared properties (the API server prunes or, with
     * strict field validation, refuses the rest); int-or-string admits both; nullable admits null.
     * Formats (int32, int64, ...) are dropped: they only narrow numbers the tests never come near.
     */
    private static ObjectNode strict(ObjectNode schema) {
        schema.remove("format");
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey()) {
                case "properties", "patternProperties" -> e.getValue().fields().forEachRemaining(p -> strictChild(p.getValue()));
                case "items", "additionalProperties", "not" -> strictChild(e.getValue());
                case "allOf", "anyOf", "oneOf" -> e.getValue().forEach(KnativeSchemas::strictChild);
                default -> { }
            }
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            schema.remove("type");
            ArrayNode either = schema.putArray("anyOf");
            either.addObject().put("type", "integer");
            either.addObject().put("type", "string");
        }
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
        if ("object".equals(schema.path("type").asText()) && !preserve && !schema.has("additionalProperties")) {
            schema.put("additionalProperties", false);
        }
        if (schema.path("nullable").asBoolean() && schema.has("type")) {
            ArrayNode types = NODES.arrayNode().add(schema.get("type").asText()).add("null");
            schema.set("type", types);
        }
        return schema;
    }

    private static void strictChild(JsonNode node) {
        if (node instanceof ObjectNode o) {
            strict(o);
        }
    }

    /** Each YAML document of {@code yaml} as a tree, for validation. */
    static List<JsonNode> documents(String yaml) {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    out.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
