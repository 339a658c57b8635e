package io.maskmill.sample.model;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tiny-models --out DIR}: writes the tiny test models, one folder per variant. */
@Command(name = "tiny-models", mixinStandardHelpOptions = true,
        description = "Write tiny Stable-Diffusion-shaped ONNX models (diffusers layout) for tests and demos.")
public class TinyModelsCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "Output directory; one folder per variant.")
    Path out;

    @Option(names = "--variant", split = ",", description = "Variants (default: all): ${COMPLETION-CANDIDATES}.")
    List<TinyVariant> variants;

    @Option(names = "--sd15", description = "Instead: a UNet with Stable Diffusion 1.5's configuration and random weights "
            + "(3.4 GB weights.pb), with stand-in text encoder and VAE, into OUT/sd15-random (for benchmarks).")
    boolean sd15;

    @Override
    public Integer call() throws java.io.IOException {
        if (sd15) {
            Path dir = out.resolve("sd15-random");
            long parameters = Sd15Unet.writeFolder(dir);
            System.out.printf("SD 1.5-config UNet, %,d parameters → %s%n", parameters, dir);
            return 0;
        }
        for (TinyVariant v : variants == null ? List.of(TinyVariant.values()) : variants) {
            Path dir = TinyModels.write(v, out.resolve(v.folderName()));
            System.out.println(v + " → " + dir);
        }
        return 0;
    }
}
