package io.maskmill.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** terraform/*.tf parsed once (HashiCorp's parser, see {@link Hcl}), with lookups by block. */
final class TerraformFiles {
    static final Path DIR = Path.of("terraform");

    private final JsonNode files;

    private TerraformFiles(JsonNode files) {
        this.files = files;
    }

    static TerraformFiles parse() {
        try (Stream<Path> list = Files.list(DIR)) {
            return new TerraformFiles(Hcl.parse(list.filter(p -> p.toString().endsWith(".tf")).sorted().toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of {@code local.name}. */
    JsonNode local(String name) {
        for (JsonNode file : files) {
            for (JsonNode block : file.path("locals")) {
                if (block.has(name)) {
                    return block.get(name);
                }
            }
        }
        throw new AssertionError("no local." + name + " in " + DIR);
    }

    /** The default of {@code var.name}. */
    JsonNode variableDefault(String name) {
        for (JsonNode file : files) {
            JsonNode v = file.at("/variable/" + name + "/0");
            if (!v.isMissingNode()) {
                return v.path("default");
            }
        }
        throw new AssertionError("no variable " + name + " in " + DIR);
    }

    /** The body of {@code kind "type" "name"} (kind: resource or data). */
    JsonNode block(String kind, String type, String name) {
        for (JsonNode file : files) {
            JsonNode b = file.path(kind).path(type).path(name).path(0);
            if (!b.isMissingNode()) {
                return b;
            }
        }
        throw new AssertionError("no " + kind + " " + type + "." + name + " in " + DIR);
    }

    /** Every {@code terraform {}} block. */
    List<JsonNode> settings() {
        List<JsonNode> out = new java.util.ArrayList<>();
        files.forEach(f -> f.path("terraform").forEach(out::add));
        return out;
    }
}
