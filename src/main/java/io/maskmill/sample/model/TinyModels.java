package io.maskmill.sample.model;

import static io.maskmill.runtime.graph.GraphBuilder.stringAttr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.maskmill.runtime.graph.GraphBuilder;
import io.maskmill.runtime.graph.OnnxFiles;
import io.maskmill.sample.tokenizer.ClipVocabularyBuilder;

/**
 * Writes tiny Stable-Diffusion-shaped models in the diffusers ONNX layout: {@code text_encoder/},
 * {@code unet/} (model.onnx + weights.pb), {@code vae_decoder/}, {@code tokenizer/},
 * {@code scheduler/}, and for the joint variant {@code annotation_decoder/}. Same inputs and
 * outputs as real exports, a few hundred kilobytes each, deterministic (same bytes every run).
 * Images are 128×128 (latent 16×16).
 */
public final class TinyModels {
    public static final int IMAGE_SIZE = 128;
    /** The VAE scaling factor the tiny decoders undo (SD 1.x's). */
    public static final float SCALING_FACTOR = 0.18215f;
    private static final int VOCAB_EXTRA_SEED = 7;

    private TinyModels() {
    }

    /** Writes {@code variant} into {@code dir} (created; existing files replaced). */
    public static Path write(TinyVariant variant, Path dir) {
        try {
            Files.createDirectories(dir);
            ClipVocabularyBuilder vocabulary = vocabulary();
            vocabulary.write(dir.resolve("tokenizer"), variant.padToken);
            Files.createDirectories(dir.resolve("scheduler"));
            Files.writeString(dir.resolve("scheduler/scheduler_config.json"), variant.schedulerConfig());
            write(textEncoder(variant, vocabulary), dir.resolve("text_encoder/model.onnx"));
            OnnxFiles.writeWithExternalData(new TinyUnet(variant).build(), dir.resolve("unet/model.onnx"), "weights.pb", 1024);
            write(vaeDecoder(variant), dir.resolve("vae_decoder/model.onnx"));
            if (variant.joint) {
                write(annotationDecoder(), dir.resolve("annotation_decoder/model.onnx"));
                Files.writeString(dir.resolve("annotation_decoder/classes.json"),
                        new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(TinyObjects.VOC));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tiny model " + variant + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void write(ModelProto model, Path file) throws IOException {
        OnnxFiles.writeAtomically(model.toByteArray(), file);
    }

    /** Every object word as one token. */
    static ClipVocabularyBuilder vocabulary() {
        ClipVocabularyBuilder builder = new ClipVocabularyBuilder();
        TinyObjects.wordSlots().keySet().forEach(builder::addWord);
        return builder;
    }

    /** Token embedding + position embedding: object words carry their slot key, colour and code. */
    private static ModelProto textEncoder(TinyVariant v, ClipVocabularyBuilder vocabulary) {
        Map<String, Integer> vocab = vocabulary.vocabulary();
        int hidden = v.hidden;
        SplittableRandom random = new SplittableRandom(VOCAB_EXTRA_SEED);
        float[] table = new float[vocab.size() * hidden];
        for (int id = 0; id < vocab.size(); id++) {
            for (int d = TinyUnet.CONTENT; d < hidden; d++) {
                table[id * hidden + d] = (float) (random.nextGaussian() * 0.1);
            }
        }
        TinyObjects.wordSlots().forEach((word, slot) -> {
            int row = vocabulary.idOf(word) * hidden;
            table[row + slot] = TinyUnet.BETA;
            float[] color = TinyObjects.color(slot);
            for (int c = 0; c < 3; c++) {
                table[row + TinyUnet.COLOR + c] = color[c] - TinyUnet.BACKGROUND_MEAN[c];
            }
            table[row + TinyUnet.COLOR + 3] = 0.1f;
            if (slot < TinyObjects.VOC.size()) {
                float[] code = TinyObjects.annotationCode(slot);
                System.arraycopy(code, 0, table, row + TinyUnet.CODE, 4);
            }
        });
        float[] positions = new float[TinyUnet.TOKENS * hidden];
        for (int p = 0; p < TinyUnet.TOKENS; p++) {
            for (int d = TinyUnet.CONTENT; d < hidden; d++) {
                positions[p * hidden + d] = (float) (random.nextGaussian() * 0.1);
            }
        }
        GraphBuilder g = new GraphBuilder("text_encoder").fp16Weights(v.fp16);
        DataType io = v.fp16 ? DataType.FLOAT16 : DataType.FLOAT;
        String ids = g.input("input_ids", v.tokenType, "batch", TinyUnet.TOKENS);
        String embedded = g.node("Gather", "/embeddings/token_embedding/Gather",
                List.of(g.weight("token_embedding.weight", table, vocab.size(), hidden), ids));
        String hiddenStates = g.node("Add", "/embeddings/Add",
                List.of(embedded, g.weight("position_embedding.weight", positions, TinyUnet.TOKENS, hidden)));
        String pooled = g.node("ReduceMean", "/final_layer_norm/ReduceMean", List.of(hiddenStates),
                GraphBuilder.intsAttr("axes", 1), GraphBuilder.intAttr("keepdims", 0));
        g.identity(v.fp16 ? g.cast("/Cast_hidden", hiddenStates, io) : hiddenStates, "last_hidden_state");
        g.identity(v.fp16 ? g.cast("/Cast_pooled", pooled, io) : pooled, "pooler_output");
        g.output("last_hidden_state", io, "batch", TinyUnet.TOKENS, hidden);
        g.output("pooler_output", io, "batch", hidden);
        return g.model("maskmill tiny-models");
    }

    /**
     * latent [B, 4, 16, 16] → image [B, 3, 128, 128] in [-1, 1]: undo the scaling factor, bilinear
     * ×8, channels 0..2 are RGB and channel 3 modulates a fixed texture.
     */
    private static ModelProto vaeDecoder(TinyVariant v) {
        GraphBuilder g = new GraphBuilder("vae_decoder").fp16Weights(v.fp16);
        DataType io = v.fp16 ? DataType.FLOAT16 : DataType.FLOAT;
        String latent = g.input("latent_sample", io, "batch", 4, TinyUnet.LATENT, TinyUnet.LATENT);
        String z = v.fp16 ? g.cast("/Cast_in", latent, DataType.FLOAT) : latent;
        String scaled = g.node("Mul", "/decoder/Mul_scale", List.of(z, g.floats("scaling_factor", new float[] { SCALING_FACTOR })));
        String up = g.node("Resize", "/decoder/up/Resize", List.of(scaled, "",
                g.floats("scales_8", new float[] { 1, 1, 8, 8 }, 4)), stringAttr("mode", "linear"));
        float[] rgbKernel = new float[3 * 4];
        for (int c = 0; c < 3; c++) {
            rgbKernel[c * 4 + c] = 1;
        }
        String rgb = g.node("Conv", "/decoder/conv_out/Conv", List.of(up, g.weight("conv_out.weight", rgbKernel, 3, 4, 1, 1)));
        String strength = g.node("Slice", "/decoder/Slice", List.of(up, g.longs("slice_start", 3), g.longs("slice_end", 4),
                g.longs("slice_axes", 1)));
        float[] texture = new float[IMAGE_SIZE * IMAGE_SIZE];
        for (int y = 0; y < IMAGE_SIZE; y++) {
            for (int x = 0; x < IMAGE_SIZE; x++) {
                texture[y * IMAGE_SIZE + x] = (float) (0.5 * Math.sin(x * 0.9 + 2 * Math.sin(y * 0.21)) * Math.cos(y * 0.7));
            }
        }
        String textured = g.node("Mul", "/decoder/Mul_texture", List.of(strength,
                g.weight("texture", texture, 1, 1, IMAGE_SIZE, IMAGE_SIZE)));
        String image = g.node("Clip", "/decoder/Clip", List.of(g.node("Add", "/decoder/Add", List.of(rgb, textured)),
                g.floats("min", new float[] { -1 }), g.floats("max", new float[] { 1 })));
        g.identity(v.fp16 ? g.cast("/Cast_out", image, io) : image, "sample");
        g.output("sample", io, "batch", 3, IMAGE_SIZE, IMAGE_SIZE);
        return g.model("maskmill tiny-models");
    }

    /**
     * annotation latent [B, 4, 16, 16] → logits [B, 21, 128, 128]: logit_k = 2·c_k·z − |c_k|² (the
     * nearest code wins; background's code is 0), bilinear ×8.
     */
    private static ModelProto annotationDecoder() {
        int classes = TinyObjects.VOC.size() + 1;
        float[] kernel = new float[classes * 4];
        float[] bias = new float[classes];
        for (int k = 1; k < classes; k++) {
            float[] code = TinyObjects.annotationCode(k - 1);
            for (int c = 0; c < 4; c++) {
                kernel[k * 4 + c] = 2 * code[c];
                bias[k] -= code[c] * code[c];
            }
        }
        GraphBuilder g = new GraphBuilder("annotation_decoder");
        String latent = g.input("latent_sample", DataType.FLOAT, "batch", 4, TinyUnet.LATENT, TinyUnet.LATENT);
        String logits = g.node("Conv", "/decoder/conv_out/Conv", List.of(latent, g.weight("conv_out.weight", kernel, classes, 4, 1, 1),
                g.weight("conv_out.bias", bias, classes)));
        String up = g.node("Resize", "/decoder/up/Resize", List.of(logits, "", g.floats("scales_8", new float[] { 1, 1, 8, 8 }, 4)),
                stringAttr("mode", "linear"));
        g.identity(up, "logits");
        g.output("logits", DataType.FLOAT, "batch", classes, IMAGE_SIZE, IMAGE_SIZE);
        return g.model("maskmill tiny-models");
    }
}
