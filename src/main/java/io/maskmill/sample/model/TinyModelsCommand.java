package io.maskmill.sample.model;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tiny-models --out DIR}: writes the tiny test models, one folder per variant. */
@Command(name = "tiny-models", mixinStandardHelpOptions = true,
        versionProvider = io.maskmill.embedded.MaskmillVersion.class,
        description = "Write tiny Stable-Diffusion-shaped ONNX models (diffusers layout) for tests and demos.")
public class TinyModelsCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "Output directory; one folder per variant.")
    Path out;

    @Option(names = "--variant", split = ",", description = "Variants (default: all): ${COMPLETION-CANDIDATES}.")
    List<TinyVariant> variants;

    @Override
    public Integer call() {
        for (TinyVariant v : variants == null ? List.of(TinyVariant.values()) : variants) {
            Path dir = TinyModels.write(v, out.resolve(v.folderName()));
            System.out.println(v + " → " + dir);
        }
        return 0;
    }
}
