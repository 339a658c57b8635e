package io.maskmill.sample.prepare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.maskmill.runtime.ModelFileException;
import io.maskmill.runtime.graph.OnnxFiles;

/**
 * Turns a diffusers ONNX folder into a Maskmill model folder: the UNet with attention outputs
 * ({@link AttentionCapture}), the other parts copied (hard-linked where possible), and
 * {@code maskmill-model.json}.
 */
public final class ModelPreparer {
    /** Files every model folder needs. */
    public static final List<String> REQUIRED = List.of("text_encoder/model.onnx", "unet/model.onnx",
            "vae_decoder/model.onnx", "tokenizer/vocab.json", "tokenizer/merges.txt", "scheduler/scheduler_config.json");
    public static final String ANNOTATION_DECODER = "annotation_decoder/model.onnx";
    private static final List<String> COPIED = List.of("text_encoder", "vae_decoder", "tokenizer", "scheduler",
            "annotation_decoder");

    /**
     * @param latentSize        latent side, overriding what the folder says (null: read it; see {@link ExportFacts})
     * @param selfAttentionSide self-attention side to add (0 = none; -1 = latent/2, i.e. 32² for SD 1.x)
     * @param cfgBatch          keep only the conditional half of the batch in the attention outputs
     *                          (null: yes, unless the UNet takes {@code timestep_cond} as LCM models do)
     * @param scalingFactor     the VAE scaling factor, overriding the VAE config's (null: read it)
     * @param jointClasses      the annotation decoder's class names (null: read annotation_decoder/classes.json)
     * @param steps             default sampling steps to record
     * @param guidance          default guidance scale to record (0: the model runs without CFG)
     */
    public record Options(String modelId, Integer latentSize, int selfAttentionSide, Boolean cfgBatch, Double scalingFactor,
            List<String> jointClasses, int steps, double guidance) {
        public static Options defaults() {
            return new Options(null, null, -1, null, null, null, 20, 7.5);
        }

        public Options withLatentSize(Integer size) {
            return new Options(modelId, size, selfAttentionSide, cfgBatch, scalingFactor, jointClasses, steps, guidance);
        }

        /** A distilled model's defaults: few steps, and no CFG batch when guidance is 0. */
        public Options withSampling(int newSteps, double newGuidance) {
            return new Options(modelId, latentSize, selfAttentionSide, newGuidance == 0 ? Boolean.FALSE : cfgBatch,
                    scalingFactor, jointClasses, newSteps, newGuidance);
        }
    }

    private ModelPreparer() {
    }

    public static ModelManifest prepare(Path source, Path target, Options options) {
        for (String file : REQUIRED) {
            if (!Files.isRegularFile(source.resolve(file))) {
                throw new ModelFileException(source.resolve(file), "missing; a diffusers ONNX folder has " + REQUIRED);
            }
        }
        Path unetFile = source.resolve("unet/model.onnx");
        ModelProto unet = OnnxFiles.read(unetFile);
        OnnxFiles.requireExternalFiles(unet, unetFile);
        boolean joint = Files.isRegularFile(source.resolve(ANNOTATION_DECODER));
        ExportFacts facts = new ExportFacts(source, unet, options.latentSize(), options.scalingFactor(), joint);
        int channels = facts.latentChannels;
        int latentSize = facts.latentSize;
        boolean hasCond = unet.getGraph().getInputList().stream().anyMatch(i -> i.getName().equals("timestep_cond"));
        boolean half = options.cfgBatch() != null ? options.cfgBatch() : !hasCond;
        int selfSide = options.selfAttentionSide() < 0 ? latentSize / 2 : options.selfAttentionSide();
        AttentionCapture.Result captured = AttentionCapture.apply(unet, unetFile, latentSize, selfSide, half);

        ModelManifest.Joint jointInfo = joint ? joint(source, channels, options) : null;
        try {
            Files.createDirectories(target);
            OnnxFiles.write(captured.model(), target.resolve("unet/model.onnx"), unetFile.getParent());
            if (joint) {
                // the decoder's output size is checked by ExportFacts for the image decoder only
                OnnxFiles.requireExternalFiles(OnnxFiles.read(source.resolve(ANNOTATION_DECODER)), source.resolve(ANNOTATION_DECODER));
            }
            for (String dir : COPIED) {
                copyTree(source.resolve(dir), target.resolve(dir));
            }
            List<ModelManifest.AttentionOutput> cross = captured.outputs().stream().filter(o -> !o.self())
                    .map(o -> new ModelManifest.AttentionOutput(o.name(), o.side(), o.layers(), "float32")).toList();
            ModelManifest.AttentionOutput self = captured.outputs().stream().filter(AttentionCapture.Output::self)
                    .map(o -> new ModelManifest.AttentionOutput(o.name(), o.side(), o.layers(), "float32")).findFirst().orElse(null);
            Map<String, String> inputs = new LinkedHashMap<>();
            unet.getGraph().getInputList().forEach(i -> inputs.put(i.getName(),
                    typeName(i.getType().getTensorType().getElemType())));
            String id = options.modelId() != null ? options.modelId() : source.toAbsolutePath().normalize().getFileName().toString();
            ModelManifest manifest = new ModelManifest(1, id, latentSize, channels, facts.decoderChannels,
                    facts.vaeScaleFactor, facts.scalingFactor, half ? ModelManifest.CONDITIONAL_HALF : ModelManifest.ALL,
                    cross, self, inputs, jointInfo, options.steps(), options.guidance(), facts.hiddenSize, facts.sources);
            manifest.write(target);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the prepared model to " + target + ": " + e.getMessage(), e);
        }
    }

    private static ModelManifest.Joint joint(Path source, int channels, Options options) {
        if (channels <= 4) {
            throw new ModelFileException(source.resolve("unet/model.onnx"), "has an annotation decoder beside it but "
                    + "its sample has " + channels + " channels; a joint UNet stacks image (4) and annotation latents");
        }
        List<String> classes = options.jointClasses();
        Path classesFile = source.resolve("annotation_decoder/classes.json");
        if (classes == null) {
            if (!Files.isRegularFile(classesFile)) {
                throw new ModelFileException(classesFile, "missing: name the annotation decoder's classes "
                        + "(logit channels 1..C) with --joint-classes or in this JSON list");
            }
            try {
                classes = List.of(new ObjectMapper().readValue(classesFile.toFile(), String[].class));
            } catch (IOException e) {
                throw new ModelFileException(classesFile, "is not a JSON list of class names: " + e.getMessage(), e);
            }
        }
        return new ModelManifest.Joint(channels - 4, ANNOTATION_DECODER, 1.0, classes);
    }

    private static String typeName(int elemType) {
        return switch (TensorProto.DataType.forNumber(elemType)) {
            case FLOAT -> "float32";
            case FLOAT16 -> "float16";
            case INT32 -> "int32";
            case INT64 -> "int64";
            default -> "type-" + elemType;
        };
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    OnnxFiles.linkOrCopy(f, dest);
                }
            }
        }
    }
}
