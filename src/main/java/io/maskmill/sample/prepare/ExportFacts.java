package io.maskmill.sample.prepare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.maskmill.runtime.ElementType;
import io.maskmill.runtime.ModelFileException;
import io.maskmill.runtime.TensorBuffer;
import io.maskmill.runtime.graph.OnnxFiles;

/**
 * What a diffusers ONNX folder says about itself, each value with where it was read: the UNet's
 * inputs and first convolution, the VAE decoder run once on a small latent, and the components'
 * {@code config.json} where the exporter wrote one (optimum does; diffusers' own script does not).
 * Options given on the command line override; nothing else is assumed without saying so.
 */
public final class ExportFacts {
    /** The latent side assumed when neither the UNet nor a config fixes it: SD 1.x/2.x-base at 512². */
    public static final int DEFAULT_LATENT_SIZE = 64;
    /** diffusers' {@code AutoencoderKL} default scaling factor. */
    public static final double DEFAULT_SCALING_FACTOR = 0.18215;
    private static final ObjectMapper JSON = new ObjectMapper();

    final int latentChannels;
    final int latentSize;
    final int vaeScaleFactor;
    final int decoderChannels;
    final double scalingFactor;
    final int hiddenSize;
    /** Value name → "value (source)", recorded in maskmill-model.json and printed by prepare. */
    final Map<String, String> sources = new LinkedHashMap<>();

    private final Path source;

    /**
     * @param latentSizeOption    --latent-size, or null
     * @param scalingFactorOption --scaling-factor, or null
     * @param joint               the UNet's latent stacks image and annotation channels (decoder takes 4)
     */
    ExportFacts(Path source, ModelProto unet, Integer latentSizeOption, Double scalingFactorOption, boolean joint) {
        this.source = source;
        Path unetFile = source.resolve("unet/model.onnx");
        Optional<JsonNode> unetConfig = config("unet/config.json");
        Optional<JsonNode> vaeConfig = config("vae_decoder/config.json").or(() -> config("vae/config.json"));

        List<Long> sample = dims(input(unet, "sample", unetFile));
        if (sample.size() != 4) {
            throw new ModelFileException(unetFile, "input 'sample': expected rank 4 [batch, channels, height, width], found "
                    + describe(sample));
        }
        List<Long> context = dims(input(unet, "encoder_hidden_states", unetFile));
        if (context.size() != 3) {
            throw new ModelFileException(unetFile, "input 'encoder_hidden_states': expected rank 3 [batch, tokens, hidden], found "
                    + describe(context));
        }
        List<Long> timestep = dims(input(unet, "timestep", unetFile));
        if (timestep.size() > 1) {
            throw new ModelFileException(unetFile, "input 'timestep': expected a scalar or [batch], found " + describe(timestep));
        }

        if (sample.get(1) > 0) {
            latentChannels = sample.get(1).intValue();
            sources.put("latentChannels", latentChannels + " (unet/model.onnx input 'sample' dimension 1)");
        } else {
            latentChannels = firstConvInputChannels(unet, unetFile);
            sources.put("latentChannels", latentChannels + " (unet/model.onnx: weight of the Conv reading 'sample')");
        }

        if (latentSizeOption != null) {
            latentSize = latentSizeOption;
            sources.put("latentSize", latentSize + " (--latent-size)");
        } else if (sample.get(2) > 0) {
            latentSize = sample.get(2).intValue();
            sources.put("latentSize", latentSize + " (unet/model.onnx input 'sample' dimension 2)");
        } else if (unetConfig.map(c -> c.path("sample_size").isInt()).orElse(false)) {
            latentSize = unetConfig.get().path("sample_size").asInt();
            sources.put("latentSize", latentSize + " (unet/config.json sample_size)");
        } else {
            latentSize = DEFAULT_LATENT_SIZE;
            sources.put("latentSize", latentSize + " (assumed: the UNet's sample is dynamic and there is no "
                    + "unet/config.json; pass --latent-size for a UNet trained at another size)");
        }
        if (latentSize < 8 || latentSize % 8 != 0) {
            throw new ModelFileException(unetFile, "latent size " + latentSize + ": expected a multiple of 8 (" + sources.get("latentSize") + ")");
        }

        if (scalingFactorOption != null) {
            scalingFactor = scalingFactorOption;
            sources.put("scalingFactor", scalingFactor + " (--scaling-factor)");
        } else if (vaeConfig.map(c -> c.path("scaling_factor").isNumber()).orElse(false)) {
            scalingFactor = vaeConfig.get().path("scaling_factor").asDouble();
            sources.put("scalingFactor", scalingFactor + " (VAE config.json scaling_factor)");
        } else {
            scalingFactor = DEFAULT_SCALING_FACTOR;
            sources.put("scalingFactor", scalingFactor + " (diffusers' AutoencoderKL default; no VAE config.json)");
        }

        hiddenSize = hiddenSize(context, unetFile, unetConfig);
        decoderChannels = joint ? 4 : latentChannels;
        vaeScaleFactor = probeDecoder(vaeConfig);
    }

    private Optional<JsonNode> config(String relative) {
        Path file = source.resolve(relative);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new ModelFileException(file, "is not valid JSON: " + e.getMessage(), e);
        }
    }

    private int hiddenSize(List<Long> context, Path unetFile, Optional<JsonNode> unetConfig) {
        Path textFile = source.resolve("text_encoder/model.onnx");
        ModelProto text = OnnxFiles.read(textFile);
        ValueInfoProto ids = input(text, "input_ids", textFile);
        int idType = ids.getType().getTensorType().getElemType();
        if (idType != TensorProto.DataType.INT32_VALUE && idType != TensorProto.DataType.INT64_VALUE) {
            throw new ModelFileException(textFile, "input 'input_ids': expected int32 or int64, found "
                    + TensorProto.DataType.forNumber(idType));
        }
        long textHidden = text.getGraph().getOutputList().stream().findFirst().map(o -> dims(o))
                .filter(d -> d.size() == 3).map(d -> d.get(2)).orElse(-1L);
        long unetHidden = context.get(2);
        if (unetHidden > 0 && textHidden > 0 && unetHidden != textHidden) {
            throw new ModelFileException(unetFile, "input 'encoder_hidden_states': expected the text encoder's hidden size "
                    + textHidden + " (text_encoder/model.onnx), found " + unetHidden);
        }
        if (unetHidden > 0) {
            sources.put("hiddenSize", unetHidden + " (unet/model.onnx input 'encoder_hidden_states' dimension 2)");
            return (int) unetHidden;
        }
        if (textHidden > 0) {
            sources.put("hiddenSize", textHidden + " (text_encoder/model.onnx first output dimension 2)");
            return (int) textHidden;
        }
        if (unetConfig.map(c -> c.path("cross_attention_dim").isInt()).orElse(false)) {
            int h = unetConfig.get().path("cross_attention_dim").asInt();
            sources.put("hiddenSize", h + " (unet/config.json cross_attention_dim)");
            return h;
        }
        throw new ModelFileException(unetFile, "cannot tell the text hidden size: 'encoder_hidden_states' dimension 2 and "
                + "the text encoder's output are both dynamic and there is no unet/config.json");
    }

    /** Input channels of the UNet's first convolution (conv_in), the latent channels of a dynamic 'sample'. */
    private static int firstConvInputChannels(ModelProto unet, Path file) {
        Map<String, String> castOf = new LinkedHashMap<>();
        for (NodeProto n : unet.getGraph().getNodeList()) {
            if (n.getOpType().equals("Cast")) {
                castOf.put(n.getOutput(0), n.getInput(0));
            }
        }
        for (NodeProto n : unet.getGraph().getNodeList()) {
            if (n.getOpType().equals("Conv") && (n.getInput(0).equals("sample") || "sample".equals(castOf.get(n.getInput(0))))) {
                String weight = castOf.getOrDefault(n.getInput(1), n.getInput(1));
                for (TensorProto t : unet.getGraph().getInitializerList()) {
                    if (t.getName().equals(weight) && t.getDimsCount() == 4) {
                        return (int) t.getDims(1);
                    }
                }
            }
        }
        throw new ModelFileException(file, "cannot tell the latent channels: input 'sample' has a dynamic channel dimension "
                + "and no Conv with an initializer weight reads it");
    }

    /**
     * Runs the VAE decoder once on a zero latent of a small side and reads the image side it makes: the
     * scale factor is that ratio; a VAE config's block_out_channels (2^(n−1)) must agree with it.
     */
    private int probeDecoder(Optional<JsonNode> vaeConfig) {
        Path file = source.resolve("vae_decoder/model.onnx");
        ModelProto decoder = OnnxFiles.read(file);
        OnnxFiles.requireExternalFiles(decoder, file);
        ValueInfoProto in = decoder.getGraph().getInput(0);
        List<Long> d = dims(in);
        if (d.size() != 4) {
            throw new ModelFileException(file, "input '" + in.getName() + "': expected rank 4 [batch, channels, height, width], found "
                    + describe(d));
        }
        if (d.get(1) > 0 && d.get(1) != decoderChannels) {
            throw new ModelFileException(file, "input '" + in.getName() + "': expected " + decoderChannels
                    + " latent channels (the UNet's), found " + d.get(1));
        }
        long side = d.get(2) > 0 ? d.get(2) : 8;
        long[] shape = { 1, decoderChannels, side, d.get(3) > 0 ? d.get(3) : side };
        long[] out;
        OrtEnvironment env = io.maskmill.runtime.OrtEnvironments.shared();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(file.toString(), options)) {
            ai.onnxruntime.TensorInfo info = (ai.onnxruntime.TensorInfo) session.getInputInfo().get(in.getName()).getInfo();
            try (OnnxTensor z = new TensorBuffer(ElementType.of(info.type, in.getName()))
                    .allocate((int) (shape[1] * shape[2] * shape[3])).tensor(env, shape);
                 OrtSession.Result r = session.run(Map.of(in.getName(), z))) {
                out = ((ai.onnxruntime.TensorInfo) r.get(0).getInfo()).getShape();
            }
        } catch (OrtException e) {
            throw new ModelFileException(file, "ONNX Runtime could not run it on a " + java.util.Arrays.toString(shape)
                    + " latent: " + e.getMessage(), e);
        }
        if (out.length != 4 || out[1] != 3 || out[2] % side != 0 || out[2] / side != out[3] / shape[3]) {
            throw new ModelFileException(file, "expected an RGB image [1, 3, k·" + side + ", k·" + shape[3] + "] for a "
                    + java.util.Arrays.toString(shape) + " latent, found " + java.util.Arrays.toString(out));
        }
        int factor = (int) (out[2] / side);
        sources.put("vaeScaleFactor", factor + " (vae_decoder/model.onnx maps a " + side + "² latent to a " + out[2] + "² image)");
        if (vaeConfig.isPresent() && vaeConfig.get().path("block_out_channels").isArray()) {
            int fromConfig = 1 << (vaeConfig.get().path("block_out_channels").size() - 1);
            if (fromConfig != factor) {
                throw new ModelFileException(file, "expected a scale factor of " + fromConfig
                        + " (VAE config.json block_out_channels), found " + factor + " (" + sources.get("vaeScaleFactor") + ")");
            }
        }
        return factor;
    }

    static ValueInfoProto input(ModelProto model, String name, Path file) {
        return model.getGraph().getInputList().stream().filter(i -> i.getName().equals(name)).findFirst()
                .orElseThrow(() -> new ModelFileException(file, "expected an input '" + name + "', found inputs "
                        + model.getGraph().getInputList().stream().map(ValueInfoProto::getName).toList()));
    }

    static List<Long> dims(ValueInfoProto v) {
        return v.getType().getTensorType().getShape().getDimList().stream()
                .map(x -> x.hasDimValue() ? x.getDimValue() : -1L).toList();
    }

    private static String describe(List<Long> dims) {
        return dims.stream().map(x -> x < 0 ? "?" : x.toString()).toList().toString();
    }
}
