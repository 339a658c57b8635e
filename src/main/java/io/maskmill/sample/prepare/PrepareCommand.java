package io.maskmill.sample.prepare;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.maskmill.runtime.ModelFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code prepare}: diffusers ONNX folder → Maskmill model folder with attention outputs. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        versionProvider = io.maskmill.embedded.MaskmillVersion.class,
        description = "Add cross-attention outputs (attn_<side>) to a diffusers ONNX UNet and write maskmill-model.json.")
public class PrepareCommand implements Callable<Integer> {
    @Option(names = "--models", description = "diffusers ONNX folder (text_encoder/, unet/, vae_decoder/, tokenizer/, scheduler/). Required.")
    Path model;

    /** The earlier name, still accepted. */
    @Option(names = "--model", hidden = true)
    void legacyModel(Path folder) {
        this.model = folder;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--model-id", description = "Model id recorded in maskmill-model.json (default: folder name).")
    String modelId;

    @Option(names = "--latent-size", description = "Latent side (default: the UNet's fixed 'sample' size, else unet/config.json sample_size, else 64).")
    Integer latentSize;

    @Option(names = "--self-attention", defaultValue = "-1", description = "Self-attention output side (-1: latent/2, 0: none; default: ${DEFAULT-VALUE}).")
    int selfAttention;

    @Option(names = "--cfg-batch", negatable = true, description = "Attention outputs keep only the conditional half of a CFG batch (default: on unless the UNet takes timestep_cond).")
    Boolean cfgBatch;

    @Option(names = "--scaling-factor", description = "VAE scaling factor (default: the VAE config.json's scaling_factor, else 0.18215).")
    Double scalingFactor;

    @Option(names = "--joint-classes", split = ",", description = "Joint models: the annotation decoder's classes (logit channels 1..C).")
    List<String> jointClasses;

    @Option(names = "--steps", defaultValue = "20", description = "Default sampling steps recorded for the model (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--guidance", defaultValue = "7.5", description = "Default guidance scale recorded (0: no CFG, e.g. SD-Turbo; default: ${DEFAULT-VALUE}).")
    double guidance;

    @Override
    public Integer call() {
        if (model == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--models=<model>'");
        }
        try {
            ModelManifest m = ModelPreparer.prepare(model, out, new ModelPreparer.Options(modelId, latentSize, selfAttention,
                    cfgBatch, scalingFactor, jointClasses, steps, guidance));
            System.out.printf("Prepared %s → %s: %s%s%n", model, out,
                    m.attention().stream().map(a -> a.output() + " (" + a.layers() + " layers)").toList(),
                    m.selfAttention() == null ? "" : ", " + m.selfAttention().output());
            m.derivedFrom().forEach((name, value) -> System.out.printf("  %s = %s%n", name, value));
            return 0;
        } catch (ModelFileException e) {
            System.err.println("maskmill prepare: " + e.getMessage());
            return 2;
        }
    }
}
