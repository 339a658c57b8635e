package io.maskmill.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import io.maskmill.runtime.ModelFileException;
import io.maskmill.runtime.ModelSession;
import io.maskmill.runtime.OnnxRuntime;
import io.maskmill.runtime.TensorBuffer;
import io.maskmill.runtime.TensorSpec;
import io.maskmill.sample.prepare.ModelManifest;
import io.maskmill.sample.prepare.ModelPreparer;
import io.maskmill.sample.tokenizer.ClipTokenizer;

/**
 * A prepared model folder, opened: the manifest, the tokenizer, the shared sessions, and the input
 * signature detected at load time (token id type, timestep type and rank, hidden size, float16 or
 * float32 tensors, LCM's {@code timestep_cond}).
 */
public final class DiffusionModel {
    private final Path dir;
    private final ModelManifest manifest;
    private final ClipTokenizer tokenizer;
    final ModelSession textEncoder;
    final ModelSession unet;
    final ModelSession vaeDecoder;
    final ModelSession annotationDecoder;
    final TensorSpec tokenIds;
    final TensorSpec sample;
    final TensorSpec timestep;
    final TensorSpec hiddenStates;
    final TensorSpec timestepCond;
    final String textOutput;

    private DiffusionModel(Path dir, OnnxRuntime runtime) {
        this.dir = dir;
        for (String file : ModelPreparer.REQUIRED) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new ModelFileException(dir.resolve(file), "missing from the model folder " + dir);
            }
        }
        this.manifest = ModelManifest.read(dir);
        this.tokenizer = ClipTokenizer.fromDirectory(dir.resolve("tokenizer"));
        this.textEncoder = runtime.session(dir.resolve("text_encoder/model.onnx"));
        this.unet = runtime.session(dir.resolve("unet/model.onnx"));
        this.vaeDecoder = runtime.session(dir.resolve("vae_decoder/model.onnx"));
        this.annotationDecoder = manifest.joint() == null ? null
                : runtime.session(dir.resolve(manifest.joint().decoder()));
        this.tokenIds = textEncoder.input("input_ids");
        if (tokenIds.type().isFloat()) {
            throw new ModelFileException(textEncoder.file(), "input_ids is " + tokenIds.type().jsonName() + ", expected int32 or int64");
        }
        this.textOutput = textEncoder.outputs().containsKey("last_hidden_state") ? "last_hidden_state"
                : textEncoder.outputs().keySet().iterator().next();
        this.sample = unet.input("sample");
        this.timestep = unet.input("timestep");
        this.hiddenStates = unet.input("encoder_hidden_states");
        this.timestepCond = unet.inputs().get("timestep_cond");
        if (sample.rank() != 4 || (sample.dim(1) > 0 && sample.dim(1) != manifest.latentChannels())) {
            throw new ModelFileException(unet.file(), "input 'sample': expected [batch, " + manifest.latentChannels()
                    + ", h, w] (maskmill-model.json), found " + sample);
        }
        if (hiddenStates.rank() != 3 || hiddenSize() < 1) {
            throw new ModelFileException(unet.file(), "input 'encoder_hidden_states': expected [batch, tokens, hidden] with a "
                    + "known hidden size, found " + hiddenStates);
        }
        TensorSpec latentIn = vaeDecoder.inputs().values().iterator().next();
        if (latentIn.rank() != 4 || (latentIn.dim(1) > 0 && latentIn.dim(1) != manifest.imageLatentChannels())) {
            throw new ModelFileException(vaeDecoder.file(), "input '" + latentIn.name() + "': expected [batch, "
                    + manifest.imageLatentChannels() + ", h, w], found " + latentIn);
        }
        if (timestep.rank() > 1) {
            throw new ModelFileException(unet.file(), "timestep is " + timestep + "; expected a scalar or [batch]");
        }
        checkDecoderScale(runtime, latentIn);
        manifest.attention().forEach(a -> unet.output(a.output()));
        if (manifest.selfAttention() != null) {
            unet.output(manifest.selfAttention().output());
        }
    }

    /** One decoder run on a small zero latent: its image side must be the latent side × vaeScaleFactor. */
    private void checkDecoderScale(OnnxRuntime runtime, TensorSpec latentIn) {
        long side = latentIn.dim(2) > 0 ? latentIn.dim(2) : 8;
        long[] shape = { 1, manifest.imageLatentChannels(), side, latentIn.dim(3) > 0 ? latentIn.dim(3) : side };
        long[] expected = { 1, 3, side * manifest.vaeScaleFactor(), shape[3] * manifest.vaeScaleFactor() };
        try (OnnxTensor z = new TensorBuffer(latentIn.type()).allocate((int) (shape[1] * shape[2] * shape[3]))
                .tensor(runtime.env(), shape);
             OrtSession.Result r = vaeDecoder.run(Map.of(latentIn.name(), z))) {
            long[] found = ((TensorInfo) r.get(0).getInfo()).getShape();
            if (!Arrays.equals(found, expected)) {
                throw new ModelFileException(vaeDecoder.file(), "output for a " + Arrays.toString(shape) + " latent: expected "
                        + Arrays.toString(expected) + " (vaeScaleFactor " + manifest.vaeScaleFactor() + " in "
                        + ModelManifest.FILE + "), found " + Arrays.toString(found));
            }
        } catch (OrtException | IllegalStateException e) {
            throw new ModelFileException(vaeDecoder.file(), "ONNX Runtime could not run it on a " + Arrays.toString(shape)
                    + " latent: " + e.getMessage(), e);
        }
    }

    public static DiffusionModel load(Path dir, OnnxRuntime runtime) {
        if (!Files.isDirectory(dir)) {
            throw new ModelFileException(dir, "model folder does not exist");
        }
        return new DiffusionModel(dir, runtime);
    }

    public Path dir() {
        return dir;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public ClipTokenizer tokenizer() {
        return tokenizer;
    }

    /** Text hidden size: 768 (SD 1.x), 1024 (SD 2.x), ... */
    public int hiddenSize() {
        return hiddenStates.dim(2) > 0 ? (int) hiddenStates.dim(2) : manifest.hiddenSize();
    }

    public int imageSize() {
        return manifest.latentSize() * manifest.vaeScaleFactor();
    }

    public Path schedulerConfig() {
        return dir.resolve("scheduler/scheduler_config.json");
    }

    @Override
    public String toString() {
        return manifest.modelId() + " (" + dir + "; unet " + sample + ", " + timestep + ", " + hiddenStates
                + (timestepCond != null ? ", " + timestepCond : "") + ")";
    }
}
