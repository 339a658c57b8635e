package io.maskmill.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HashiCorp's HCL parser, run through Node.js (tools/hcl2json, installed by the Maven build with
 * npm ci). Returns each file's HCL as JSON: blocks become objects keyed by label, expressions stay
 * as "${...}" strings.
 */
final class Hcl {

    static final Path TOOL = Path.of("tools", "hcl2json");

    /** The parser's own message (file:line,col: what) for a file that is not valid HCL. */
    static final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message);
        }
    }

    private Hcl() {}

    /** {"path": parsed, ...} for every file; a SyntaxError naming the file and position if any file fails. */
    static JsonNode parse(List<Path> files) {
        if (!Files.isDirectory(TOOL.resolve("node_modules").resolve("@cdktf").resolve("hcl2json"))) {
            throw new IllegalStateException("the HCL parser is not installed: run npm ci --prefix " + TOOL
                    + " (./mvnw verify does it in generate-test-resources)");
        }
        List<String> command = new ArrayList<>(List.of("node", TOOL.resolve("hcl2json.mjs").toString()));
        files.forEach(f -> command.add(f.toString()));
        try {
            Process p = new ProcessBuilder(command).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("hcl2json did not finish within 120 s");
            }
            if (p.exitValue() != 0) {
                throw new SyntaxError(err);
            }
            return new ObjectMapper().readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run node " + TOOL.resolve("hcl2json.mjs"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing HCL", e);
        }
    }
}
