package io.maskmill.sample.model;

import static io.maskmill.runtime.graph.GraphBuilder.intAttr;
import static io.maskmill.runtime.graph.GraphBuilder.intsAttr;
import static io.maskmill.runtime.graph.GraphBuilder.stringAttr;

import java.util.List;
import java.util.SplittableRandom;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.maskmill.runtime.graph.GraphBuilder;
import io.maskmill.sample.scheduler.SchedulerConfig;
import io.maskmill.sample.scheduler.SchedulerKind;

/**
 * A tiny UNet with diffusers' node names and real attention at latent 16² and 8²: down_blocks.0
 * (self + cross, 16²), down_blocks.1 (self + cross, 8²), mid_block (cross, 8²), up_blocks.1 (cross, 16²).
 *
 * <p>Hidden state: 64 channels. Channels 0..31 are the key subspace (one per object slot; only the
 * positional embedding and the queries live there), 32..35 the image colour, 36..39 the annotation
 * code (joint), 40..63 content from the noisy latent. Queries come from the hidden state plus a
 * positional embedding that is β on the slots whose region covers the position; a class token's key
 * is β on its slot, so its cross-attention probability is about 0.93 inside its region and 1/77
 * outside. The values carry the token's colour (and code) into the hidden state, from which the
 * clean latent x0 is read out; the UNet returns the ε (or v) that belongs to that x0 at the given
 * timestep, so any scheduler converges to an image with the object drawn where its attention is.
 */
final class TinyUnet {
    static final int LATENT = 16;
    static final int WIDTH = 64;
    static final int HEADS = 2;
    static final int HEAD_DIM = 32;
    static final int KEY_DIMS = TinyObjects.SLOTS;
    static final int COLOR = 32;
    static final int CODE = 36;
    static final int CONTENT = 40;
    static final int TOKENS = 77;
    /** Positional-query and key magnitude: β²/√32 = 7, a logit of 7 at the region centre. */
    static final float BETA = (float) Math.sqrt(7 * Math.sqrt(HEAD_DIM));
    /** The three cross-attention visits a position gets on its way to the output, averaged. */
    private static final float READOUT = 1f / 3;

    private final TinyVariant variant;
    private final GraphBuilder g = new GraphBuilder("unet");
    private final SplittableRandom random = new SplittableRandom(20240517);
    private String textContext;

    TinyUnet(TinyVariant variant) {
        this.variant = variant;
        g.fp16Weights(variant.fp16);
    }

    ModelProto build() {
        DataType io = variant.fp16 ? DataType.FLOAT16 : DataType.FLOAT;
        int channels = variant.latentChannels();
        String sample = g.input("sample", io, "batch", channels, LATENT, LATENT);
        String timestep = variant.timestepRank == 0 ? g.input("timestep", variant.timestepType)
                : g.input("timestep", variant.timestepType, "batch");
        String context = g.input("encoder_hidden_states", io, "batch", TOKENS, variant.hidden);
        String cond = variant.lcm ? g.input("timestep_cond", io, "batch", 256) : null;
        String x = toFloat("/Cast_sample", sample);
        textContext = toFloat("/Cast_context", context);

        String h = conv1x1("/conv_in/Conv", x, contentWeights(channels, 0.05f), WIDTH, channels);
        if (cond != null) {
            String proj = g.node("MatMul", "/time_embedding/cond_proj/MatMul",
                    List.of(toFloat("/Cast_cond", cond), g.weight("time_embedding.cond_proj.weight",
                            contentWeights(256, 0.01f), 256, WIDTH)));
            h = g.node("Add", "/time_embedding/Add", List.of(h,
                    g.node("Unsqueeze", "/time_embedding/Unsqueeze", List.of(proj, g.longs("axes_23", 2, 3)))));
        }
        String t16 = tokens("/down_blocks.0/attentions.0/proj_in", h, LATENT);
        t16 = transformer("/down_blocks.0/attentions.0/transformer_blocks.0", t16, LATENT, true);
        String h16 = image("/down_blocks.0/attentions.0/proj_out", t16, LATENT);
        String h8 = g.node("AveragePool", "/down_blocks.0/downsamplers.0/AveragePool", List.of(h16),
                intsAttr("kernel_shape", 2, 2), intsAttr("strides", 2, 2));
        String t8 = tokens("/down_blocks.1/attentions.0/proj_in", h8, LATENT / 2);
        t8 = transformer("/down_blocks.1/attentions.0/transformer_blocks.0", t8, LATENT / 2, true);
        t8 = transformer("/mid_block/attentions.0/transformer_blocks.0", t8, LATENT / 2, false);
        String up = g.node("Resize", "/up_blocks.0/upsamplers.0/Resize",
                List.of(image("/mid_block/attentions.0/proj_out", t8, LATENT / 2), "",
                        g.floats("resize_scales_2", new float[] { 1, 1, 2, 2 }, 4)),
                stringAttr("mode", "nearest"));
        String merged = g.node("Mul", "/up_blocks.1/Mul", List.of(g.node("Add", "/up_blocks.1/Add", List.of(up, h16)),
                g.floats("half", new float[] { 0.5f })));
        String tu = tokens("/up_blocks.1/attentions.0/proj_in", merged, LATENT);
        tu = transformer("/up_blocks.1/attentions.0/transformer_blocks.0", tu, LATENT, false);

        String x0 = cleanLatent(tu, channels);
        String out = prediction(x, x0, timestep);
        String result = variant.fp16 ? g.cast("/Cast_out", out, DataType.FLOAT16) : out;
        g.identity(result, "out_sample");
        g.output("out_sample", io, "batch", channels, LATENT, LATENT);
        return g.model("maskmill tiny-models");
    }

    private String toFloat(String name, String input) {
        return variant.fp16 ? g.cast(name, input, DataType.FLOAT) : input;
    }

    /** x0 [B, ch, 16, 16] read from the colour (and code) channels, plus a background latent. */
    private String cleanLatent(String tokens, int channels) {
        float[] readout = new float[WIDTH * channels];
        for (int c = 0; c < 4; c++) {
            readout[(COLOR + c) * channels + c] = READOUT;
            if (variant.joint) {
                readout[(CODE + c) * channels + 4 + c] = READOUT;
            }
        }
        for (int i = CONTENT; i < WIDTH; i++) {
            for (int c = 0; c < channels; c++) {
                readout[i * channels + c] = (float) (random.nextGaussian() * 0.02);
            }
        }
        String lin = g.node("MatMul", "/conv_out/MatMul", List.of(tokens, g.weight("conv_out.weight", readout, WIDTH, channels)));
        String chw = g.node("Reshape", "/conv_out/Reshape", List.of(
                g.node("Transpose", "/conv_out/Transpose", List.of(lin), intsAttr("perm", 0, 2, 1)),
                g.longs("shape_out", -1, channels, LATENT, LATENT)));
        return g.node("Add", "/conv_out/Add", List.of(chw, g.weight("background", background(channels), 1, channels, LATENT, LATENT)));
    }

    /** A soft gradient: the scene the objects stand in. Channel 3 is the decoder's texture strength. */
    static float[] background(int channels) {
        float[] bg = new float[channels * LATENT * LATENT];
        for (int y = 0; y < LATENT; y++) {
            for (int x = 0; x < LATENT; x++) {
                int p = y * LATENT + x;
                bg[p] = -0.3f + 0.5f * y / LATENT;
                bg[LATENT * LATENT + p] = 0.15f + 0.2f * x / LATENT;
                bg[2 * LATENT * LATENT + p] = 0.4f - 0.5f * y / LATENT;
                bg[3 * LATENT * LATENT + p] = 0.3f;
            }
        }
        return bg;
    }

    static final float[] BACKGROUND_MEAN = { -0.3f + 0.25f * 15 / 16, 0.15f + 0.1f * 15 / 16, 0.4f - 0.25f * 15 / 16, 0.3f };

    /** ε = (x − √ᾱ_t·x0)/√(1−ᾱ_t); v = √ᾱ_t·ε − √(1−ᾱ_t)·x0 for v-prediction families. */
    private String prediction(String x, String x0, String timestep) {
        double[] alphaBar = SchedulerConfig.stableDiffusion(SchedulerKind.DDIM).alphasCumprod();
        float[] a = new float[alphaBar.length];
        float[] s = new float[alphaBar.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) Math.sqrt(alphaBar[i]);
            s[i] = (float) Math.sqrt(1 - alphaBar[i]);
        }
        String index = g.cast("/time_proj/Cast", timestep, DataType.INT64);
        String shape = g.longs("shape_t", -1, 1, 1, 1);
        String at = g.node("Reshape", "/time_proj/Reshape_a", List.of(
                g.node("Gather", "/time_proj/Gather_a", List.of(g.floats("sqrt_alpha_bar", a, a.length), index)), shape));
        String st = g.node("Reshape", "/time_proj/Reshape_s", List.of(
                g.node("Gather", "/time_proj/Gather_s", List.of(g.floats("sqrt_one_minus_alpha_bar", s, s.length), index)), shape));
        String eps = g.node("Div", "/pred/Div", List.of(
                g.node("Sub", "/pred/Sub", List.of(x, g.node("Mul", "/pred/Mul_x0", List.of(at, x0)))), st));
        if (!variant.prediction.equals("v_prediction")) {
            return eps;
        }
        return g.node("Sub", "/pred/Sub_v", List.of(g.node("Mul", "/pred/Mul_eps", List.of(at, eps)),
                g.node("Mul", "/pred/Mul_x0_v", List.of(st, x0))));
    }

    /** [B, C, n, n] → [B, n², C]. */
    private String tokens(String name, String image, int side) {
        String flat = g.node("Reshape", name + "/Reshape", List.of(image, g.longs(name + ".shape", 0, WIDTH, (long) side * side)));
        return g.node("Transpose", name + "/Transpose", List.of(flat), intsAttr("perm", 0, 2, 1));
    }

    /** [B, n², C] → [B, C, n, n]. */
    private String image(String name, String tokens, int side) {
        String t = g.node("Transpose", name + "/Transpose", List.of(tokens), intsAttr("perm", 0, 2, 1));
        return g.node("Reshape", name + "/Reshape", List.of(t, g.longs(name + ".shape", 0, WIDTH, side, side)));
    }

    private String transformer(String prefix, String x, int side, boolean selfAttention) {
        String pos = g.weight(prefix + ".pos_embed", positionalQueries(side), (long) side * side, WIDTH);
        String xp = g.node("Add", prefix + "/Add_pos", List.of(x, pos));
        if (selfAttention) {
            String a1 = attention(prefix + "/attn1", xp, xp, x, side * side, side * side,
                    keyProjection(WIDTH, 0.5f, 0.02f), keyProjection(WIDTH, 0.5f, 0f), contentValues(), contentOutput());
            x = g.node("Add", prefix + "/Add", List.of(x, a1));
        }
        String a2 = attention(prefix + "/attn2", xp, textContext, textContext, side * side, TOKENS,
                keyProjection(WIDTH, 1f, 0.02f), keyProjection(variant.hidden, 1f, 0f), colorValues(), colorOutput());
        return g.node("Add", prefix + "/Add_1", List.of(x, a2));
    }

    /**
     * softmax(QKᵀ/√d)·V over 2 heads, in the layout of the variant's exporter: heads as their own
     * axis ([B, heads, q, k], SDPA) or folded into the batch ([B·heads, q, k], baddbmm).
     */
    private String attention(String prefix, String querySource, String keySource, String valueSource, int q, int k,
            float[] wq, float[] wk, float[] wv, float[] wo) {
        int keyWidth = wk.length / (HEADS * HEAD_DIM);
        String query = g.node("MatMul", prefix + "/to_q/MatMul", List.of(querySource, g.weight(prefix + ".to_q", wq, WIDTH, HEADS * HEAD_DIM)));
        String key = g.node("MatMul", prefix + "/to_k/MatMul", List.of(keySource, g.weight(prefix + ".to_k", wk, keyWidth, HEADS * HEAD_DIM)));
        String value = g.node("MatMul", prefix + "/to_v/MatMul", List.of(valueSource, g.weight(prefix + ".to_v", wv, keyWidth, HEADS * HEAD_DIM)));
        String qh = heads(prefix + "/q", query, q, 0, 2, 1, 3);
        String kt = heads(prefix + "/k", key, k, 0, 2, 3, 1);
        String vh = heads(prefix + "/v", value, k, 0, 2, 1, 3);
        String scores = g.node("Mul", prefix + "/Mul", List.of(g.node("MatMul", prefix + "/MatMul", List.of(qh, kt)),
                g.floats(prefix + ".scale", new float[] { (float) (1 / Math.sqrt(HEAD_DIM)) })));
        String probs = g.node("Softmax", prefix + "/Softmax", List.of(scores), intAttr("axis", -1));
        String out = g.node("MatMul", prefix + "/MatMul_1", List.of(probs, vh));
        if (variant.headsInBatch) {
            out = g.node("Reshape", prefix + "/out/Reshape_heads", List.of(out, g.longs(prefix + ".heads_shape", -1, HEADS, q, HEAD_DIM)));
        }
        String merged = g.node("Reshape", prefix + "/out/Reshape", List.of(
                g.node("Transpose", prefix + "/out/Transpose", List.of(out), intsAttr("perm", 0, 2, 1, 3)),
                g.longs(prefix + ".merge_shape", 0, q, HEADS * HEAD_DIM)));
        return g.node("MatMul", prefix + "/to_out.0/MatMul", List.of(merged, g.weight(prefix + ".to_out", wo, HEADS * HEAD_DIM, WIDTH)));
    }

    private String heads(String name, String x, int length, long... perm) {
        String split = g.node("Reshape", name + "/Reshape", List.of(x, g.longs(name + ".shape", 0, length, HEADS, HEAD_DIM)));
        String t = g.node("Transpose", name + "/Transpose", List.of(split), intsAttr("perm", perm));
        if (!variant.headsInBatch) {
            return t;
        }
        boolean keysTransposed = perm[2] == 3;
        return g.node("Reshape", name + "/Reshape_1", List.of(t, keysTransposed
                ? g.longs(name + ".fold", -1, HEAD_DIM, length) : g.longs(name + ".fold", -1, length, HEAD_DIM)));
    }

    /** β on every slot whose region covers the position (pixel centres of a side×side grid). */
    static float[] positionalQueries(int side) {
        float[] pos = new float[side * side * WIDTH];
        for (int slot = 0; slot < TinyObjects.phrases().size(); slot++) {
            TinyObjects.Region region = TinyObjects.region(slot);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    pos[(y * side + x) * WIDTH + slot] = (float) (BETA * region.weight((x + 0.5) / side, (y + 0.5) / side));
                }
            }
        }
        return pos;
    }

    /** Copies the key subspace into both heads (scaled), plus a little of the content channels. */
    private float[] keyProjection(int inWidth, float scale, float content) {
        float[] w = new float[inWidth * HEADS * HEAD_DIM];
        for (int h = 0; h < HEADS; h++) {
            for (int i = 0; i < KEY_DIMS; i++) {
                w[i * HEADS * HEAD_DIM + h * HEAD_DIM + i] = scale;
            }
        }
        for (int i = CONTENT; i < Math.min(inWidth, WIDTH) && content > 0; i++) {
            for (int j = 0; j < HEADS * HEAD_DIM; j++) {
                w[i * HEADS * HEAD_DIM + j] = (float) (random.nextGaussian() * content);
            }
        }
        return w;
    }

    /** Values: the token's colour and code channels (32..39) into the first 8 dims of each head. */
    private float[] colorValues() {
        float[] w = new float[variant.hidden * HEADS * HEAD_DIM];
        for (int h = 0; h < HEADS; h++) {
            for (int i = 0; i < 8; i++) {
                w[(COLOR + i) * HEADS * HEAD_DIM + h * HEAD_DIM + i] = 1;
            }
        }
        return w;
    }

    /** The two heads' colour dims averaged back into channels 32..39. */
    private static float[] colorOutput() {
        float[] w = new float[HEADS * HEAD_DIM * WIDTH];
        for (int h = 0; h < HEADS; h++) {
            for (int i = 0; i < 8; i++) {
                w[(h * HEAD_DIM + i) * WIDTH + COLOR + i] = 0.5f;
            }
        }
        return w;
    }

    private float[] contentValues() {
        float[] w = new float[WIDTH * HEADS * HEAD_DIM];
        for (int i = CONTENT; i < WIDTH; i++) {
            for (int j = 0; j < HEADS * HEAD_DIM; j++) {
                w[i * HEADS * HEAD_DIM + j] = (float) (random.nextGaussian() * 0.1);
            }
        }
        return w;
    }

    private float[] contentOutput() {
        float[] w = new float[HEADS * HEAD_DIM * WIDTH];
        for (int j = 0; j < HEADS * HEAD_DIM; j++) {
            for (int i = CONTENT; i < WIDTH; i++) {
                w[j * WIDTH + i] = (float) (random.nextGaussian() * 0.05);
            }
        }
        return w;
    }

    /** A [in → 64] projection that writes only the content channels. */
    private float[] contentWeights(int in, float scale) {
        float[] w = new float[in * WIDTH];
        for (int i = 0; i < in; i++) {
            for (int o = CONTENT; o < WIDTH; o++) {
                w[i * WIDTH + o] = (float) (random.nextGaussian() * scale);
            }
        }
        return w;
    }

    /** 1×1 convolution as Conv with a [out, in, 1, 1] kernel, from a row-major [in, out] matrix. */
    private String conv1x1(String name, String x, float[] inOut, int out, int in) {
        float[] kernel = new float[out * in];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                kernel[o * in + i] = inOut[i * out + o];
            }
        }
        return g.node("Conv", name, List.of(x, g.weight(name.substring(1).replace('/', '.') + ".weight", kernel, out, in, 1, 1)));
    }
}
