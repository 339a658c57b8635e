package io.maskmill.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.maskmill.runtime.ModelFileException;
import io.maskmill.runtime.graph.OnnxFiles;
import io.maskmill.sample.prepare.ModelManifest;
import io.maskmill.sample.prepare.ModelPreparer;

/**
 * The checks a prepared model folder must pass before any job is planned on it, without loading it
 * into ONNX Runtime: every part present, the manifest readable, the UNet's graph parseable with its
 * external weights present and the attention outputs the manifest names. Each failure is a
 * {@link ModelFileException} naming the file, what was expected and what was found.
 */
public final class ModelFolderCheck {
    private ModelFolderCheck() {
    }

    public static ModelManifest check(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelFileException(dir, "expected a prepared model folder, found " + (Files.exists(dir) ? "a file" : "nothing"));
        }
        for (String file : ModelPreparer.REQUIRED) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new ModelFileException(dir.resolve(file), "missing: a model folder has " + ModelPreparer.REQUIRED);
            }
        }
        ModelManifest manifest = ModelManifest.read(dir);
        Path unetFile = dir.resolve("unet/model.onnx");
        ModelProto unet = OnnxFiles.read(unetFile);
        OnnxFiles.requireExternalFiles(unet, unetFile);
        Set<String> outputs = unet.getGraph().getOutputList().stream().map(ValueInfoProto::getName).collect(Collectors.toSet());
        manifest.attention().forEach(a -> requireOutput(unetFile, outputs, a.output()));
        if (manifest.selfAttention() != null) {
            requireOutput(unetFile, outputs, manifest.selfAttention().output());
        }
        if (manifest.joint() != null && !Files.isRegularFile(dir.resolve(manifest.joint().decoder()))) {
            throw new ModelFileException(dir.resolve(manifest.joint().decoder()), "missing: maskmill-model.json names it "
                    + "as the annotation decoder");
        }
        return manifest;
    }

    private static void requireOutput(Path unetFile, Set<String> outputs, String name) {
        if (!outputs.contains(name)) {
            throw new ModelFileException(unetFile, "expected the output '" + name + "' that maskmill-model.json names, found "
                    + new java.util.TreeSet<>(outputs));
        }
    }
}
