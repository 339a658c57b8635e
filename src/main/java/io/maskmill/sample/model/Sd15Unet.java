package io.maskmill.sample.model;

import static io.maskmill.runtime.graph.GraphBuilder.floatAttr;
import static io.maskmill.runtime.graph.GraphBuilder.intAttr;
import static io.maskmill.runtime.graph.GraphBuilder.intsAttr;
import static io.maskmill.runtime.graph.GraphBuilder.stringAttr;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.maskmill.runtime.graph.GraphBuilder;
import io.maskmill.runtime.graph.OnnxFiles;

/**
 * A UNet with Stable Diffusion 1.5's configuration and random weights, in diffusers' export layout
 * and node names: block channels 320/640/1280/1280, two layers per block, cross-attention in the
 * first three down blocks, the mid block and the last three up blocks, 8 heads, text context 768,
 * time embedding 1280, GroupNorm 32 (860 M parameters, 3.4 GB of float32 in {@code weights.pb}).
 * For measuring real-size costs (prepare, one UNet step); the weights are uniform with each
 * layer's fan-in variance, so activations stay finite, and the outputs mean nothing.
 *
 * <p>Beside it, {@link #writeFolder} puts a stand-in text encoder (an embedding table, hidden 768)
 * and VAE decoder (×8 nearest upsampling) so that the folder prepares and samples at 512².
 */
public final class Sd15Unet {
    static final int[] CHANNELS = { 320, 640, 1280, 1280 };
    static final int LAYERS = 2;
    static final int HEADS = 8;
    static final int CONTEXT = 768;
    static final int TIME = 1280;
    static final int GROUPS = 32;

    private final GraphBuilder g = new GraphBuilder("unet");
    private final SplittableRandom random = new SplittableRandom(15);
    private String embedding;
    private String context;
    private long parameters;

    private Sd15Unet(OutputStream weights, String location) {
        g.externalData(weights, location, 1024);
    }

    /** Writes {@code unet/model.onnx} + {@code unet/weights.pb} under {@code dir}; returns the parameter count. */
    public static long writeUnet(Path dir) throws IOException {
        Path unet = dir.resolve("unet");
        Files.createDirectories(unet);
        Path weights = unet.resolve("weights.pb");
        Path tmp = unet.resolve(".weights.pb." + ProcessHandle.current().pid() + ".tmp");
        Sd15Unet builder;
        ModelProto model;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            builder = new Sd15Unet(out, "weights.pb");
            model = builder.build();
        }
        Files.move(tmp, weights, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        OnnxFiles.writeAtomically(model.toByteArray(), unet.resolve("model.onnx"));
        return builder.parameters;
    }

    /** The whole diffusers-layout folder: this UNet, stand-in text encoder and VAE decoder, tokenizer, scheduler. */
    public static long writeFolder(Path dir) throws IOException {
        long parameters = writeUnet(dir);
        TinyModels.vocabulary().write(dir.resolve("tokenizer"), TinyVariant.SD1.padToken);
        Files.createDirectories(dir.resolve("scheduler"));
        OnnxFiles.writeAtomically(("{\"_class_name\": \"PNDMScheduler\", \"_diffusers_version\": \"0.19.3\", \"beta_start\": 0.00085,"
                + " \"beta_end\": 0.012, \"beta_schedule\": \"scaled_linear\", \"num_train_timesteps\": 1000, \"steps_offset\": 1,"
                + " \"set_alpha_to_one\": false, \"skip_prk_steps\": true, \"timestep_spacing\": \"leading\"}").getBytes(),
                dir.resolve("scheduler/scheduler_config.json"));
        OnnxFiles.writeAtomically(textEncoder(TinyModels.vocabulary().vocabulary().size()).toByteArray(),
                dir.resolve("text_encoder/model.onnx"));
        OnnxFiles.writeAtomically(vaeDecoder().toByteArray(), dir.resolve("vae_decoder/model.onnx"));
        return parameters;
    }

    private ModelProto build() {
        String sample = g.input("sample", DataType.FLOAT, "batch", 4, "height", "width");
        String timestep = g.input("timestep", DataType.FLOAT, "batch");
        context = g.input("encoder_hidden_states", DataType.FLOAT, "batch", "sequence", CONTEXT);
        embedding = silu("/time_embedding/act_out", timeEmbedding(timestep));

        String h = conv("/conv_in", "conv_in", sample, 4, CHANNELS[0], 3, 1);
        int channels = CHANNELS[0];
        Deque<String> skips = new ArrayDeque<>();
        Deque<Integer> skipChannels = new ArrayDeque<>();
        skips.push(h);
        skipChannels.push(channels);
        for (int i = 0; i < CHANNELS.length; i++) {
            boolean last = i == CHANNELS.length - 1;
            for (int j = 0; j < LAYERS; j++) {
                h = resnet("down_blocks." + i + ".resnets." + j, h, channels, CHANNELS[i]);
                channels = CHANNELS[i];
                if (!last) {
                    h = transformer("down_blocks." + i + ".attentions." + j, h, channels);
                }
                skips.push(h);
                skipChannels.push(channels);
            }
            if (!last) {
                String p = "down_blocks." + i + ".downsamplers.0.conv";
                h = conv("/down_blocks." + i + "/downsamplers.0/conv", p, h, channels, channels, 3, 2);
                skips.push(h);
                skipChannels.push(channels);
            }
        }
        h = resnet("mid_block.resnets.0", h, channels, channels);
        h = transformer("mid_block.attentions.0", h, channels);
        h = resnet("mid_block.resnets.1", h, channels, channels);
        for (int i = 0; i < CHANNELS.length; i++) {
            int out = CHANNELS[CHANNELS.length - 1 - i];
            for (int j = 0; j <= LAYERS; j++) {
                String p = "up_blocks." + i;
                h = g.node("Concat", "/" + p + "/Concat_" + j, List.of(h, skips.pop()), intAttr("axis", 1));
                h = resnet(p + ".resnets." + j, h, channels + skipChannels.pop(), out);
                channels = out;
                if (i > 0) {
                    h = transformer(p + ".attentions." + j, h, channels);
                }
            }
            if (i < CHANNELS.length - 1) {
                String p = "up_blocks." + i + ".upsamplers.0";
                String up = g.node("Resize", "/" + p.replace(".upsamplers.0", "/upsamplers.0") + "/Resize", List.of(h, "",
                        g.floats(p + ".scales", new float[] { 1, 1, 2, 2 }, 4)), stringAttr("mode", "nearest"));
                h = conv("/" + p.replace(".upsamplers.0", "/upsamplers.0") + "/conv", p + ".conv", up, channels, channels, 3, 1);
            }
        }
        h = silu("/conv_act", groupNorm("/conv_norm_out", "conv_norm_out", h, channels, 1e-5f));
        h = conv("/conv_out", "conv_out", h, channels, 4, 3, 1);
        g.identity(h, "out_sample");
        g.output("out_sample", DataType.FLOAT, "batch", 4, "height", "width");
        return g.model("maskmill-sd15-random");
    }

    /** Sinusoidal embedding of t (cos first, as diffusers' flip_sin_to_cos), then Linear–SiLU–Linear to 1280. */
    private String timeEmbedding(String timestep) {
        int half = CHANNELS[0] / 2;
        float[] freqs = new float[half];
        for (int i = 0; i < half; i++) {
            freqs[i] = (float) Math.exp(-Math.log(10000) * i / half);
        }
        String t = g.node("Unsqueeze", "/time_proj/Unsqueeze", List.of(timestep, g.longs("time_proj.axes", 1)));
        String args = g.node("Mul", "/time_proj/Mul", List.of(t, g.floats("time_proj.freqs", freqs, 1, half)));
        String sinusoid = g.node("Concat", "/time_proj/Concat", List.of(g.node("Cos", "/time_proj/Cos", List.of(args)),
                g.node("Sin", "/time_proj/Sin", List.of(args))), intAttr("axis", 1));
        String h = linear("/time_embedding/linear_1", "time_embedding.linear_1", sinusoid, CHANNELS[0], TIME);
        return linear("/time_embedding/linear_2", "time_embedding.linear_2", silu("/time_embedding/act", h), TIME, TIME);
    }

    /** ResnetBlock2D: GN–SiLU–Conv, + time projection, GN–SiLU–Conv, + (1×1-projected) input. */
    private String resnet(String p, String x, int in, int out) {
        String n = "/" + p.replace(".resnets.", "/resnets.");
        String h = conv(n + "/conv1", p + ".conv1", silu(n + "/act_1", groupNorm(n + "/norm1", p + ".norm1", x, in, 1e-5f)), in, out, 3, 1);
        String t = linear(n + "/time_emb_proj", p + ".time_emb_proj", embedding, TIME, out);
        t = g.node("Unsqueeze", n + "/Unsqueeze", List.of(t, g.longs(p + ".axes", 2, 3)));
        h = g.node("Add", n + "/Add", List.of(h, t));
        h = conv(n + "/conv2", p + ".conv2", silu(n + "/act_2", groupNorm(n + "/norm2", p + ".norm2", h, out, 1e-5f)), out, out, 3, 1);
        String shortcut = in == out ? x : conv(n + "/conv_shortcut", p + ".conv_shortcut", x, in, out, 1, 1);
        return g.node("Add", n + "/Add_1", List.of(shortcut, h));
    }

    /** Transformer2DModel with one BasicTransformerBlock: self-attention, cross-attention, GEGLU feed-forward. */
    private String transformer(String p, String x, int c) {
        String n = "/" + p.replace(".attentions.", "/attentions.");
        String h = groupNorm(n + "/norm", p + ".norm", x, c, 1e-6f);
        h = conv(n + "/proj_in", p + ".proj_in", h, c, c, 1, 1);
        String shape = g.node("Shape", n + "/Shape", List.of(h));
        h = g.node("Reshape", n + "/Reshape", List.of(h, g.longs(p + ".flat", 0, c, -1)));
        h = g.node("Transpose", n + "/Transpose", List.of(h), intsAttr("perm", 0, 2, 1));
        String b = n + "/transformer_blocks.0";
        String q = p + ".transformer_blocks.0";
        h = g.node("Add", b + "/Add", List.of(h, attention(b + "/attn1", q + ".attn1", layerNorm(b + "/norm1", q + ".norm1", h, c), null, c)));
        h = g.node("Add", b + "/Add_1", List.of(h, attention(b + "/attn2", q + ".attn2", layerNorm(b + "/norm2", q + ".norm2", h, c), context, c)));
        h = g.node("Add", b + "/Add_2", List.of(h, geglu(b + "/ff", q + ".ff", layerNorm(b + "/norm3", q + ".norm3", h, c), c)));
        h = g.node("Transpose", n + "/Transpose_1", List.of(h), intsAttr("perm", 0, 2, 1));
        h = g.node("Reshape", n + "/Reshape_1", List.of(h, shape));
        h = conv(n + "/proj_out", p + ".proj_out", h, c, c, 1, 1);
        return g.node("Add", n + "/Add", List.of(h, x));
    }

    /** Scaled dot-product attention with the probabilities as a Softmax node named like diffusers' export. */
    private String attention(String n, String p, String x, String ctx, int c) {
        int d = c / HEADS;
        int kv = ctx == null ? c : CONTEXT;
        String source = ctx == null ? x : ctx;
        String q = heads(n + "/q", g.node("MatMul", n + "/to_q/MatMul", List.of(x, weight(p + ".to_q.weight", c, c, c))), p, d, false);
        String k = heads(n + "/k", g.node("MatMul", n + "/to_k/MatMul", List.of(source, weight(p + ".to_k.weight", kv, kv, c))), p, d, true);
        String v = heads(n + "/v", g.node("MatMul", n + "/to_v/MatMul", List.of(source, weight(p + ".to_v.weight", kv, kv, c))), p, d, false);
        String scores = g.node("Mul", n + "/Mul", List.of(g.node("MatMul", n + "/MatMul", List.of(q, k)),
                g.floats(p + ".scale", new float[] { (float) (1 / Math.sqrt(d)) })));
        String probs = g.node("Softmax", n + "/Softmax", List.of(scores), intAttr("axis", -1));
        String out = g.node("MatMul", n + "/MatMul_1", List.of(probs, v));
        out = g.node("Transpose", n + "/Transpose_out", List.of(out), intsAttr("perm", 0, 2, 1, 3));
        out = g.node("Reshape", n + "/Reshape_out", List.of(out, g.longs(p + ".merge", 0, -1, c)));
        return linear(n + "/to_out.0", p + ".to_out.0", out, c, c);
    }

    /** [B, N, C] → [B, heads, N, d] (keys: [B, heads, d, N]). */
    private String heads(String n, String x, String p, int d, boolean transposed) {
        String split = g.node("Reshape", n + "/Reshape", List.of(x, g.longs(p + n.substring(n.lastIndexOf('/')) + ".split", 0, -1, HEADS, d)));
        return g.node("Transpose", n + "/Transpose", List.of(split), intsAttr("perm", transposed ? new long[] { 0, 2, 3, 1 } : new long[] { 0, 2, 1, 3 }));
    }

    /** GEGLU: Linear to 8c, value half × GELU(gate half), Linear back to c. */
    private String geglu(String n, String p, String x, int c) {
        String proj = linear(n + "/net.0/proj", p + ".net.0.proj", x, c, 8 * c);
        String value = g.node("Slice", n + "/Slice", List.of(proj, g.longs(p + ".v0", 0), g.longs(p + ".v1", 4L * c), g.longs(p + ".axis", -1)));
        String gate = g.node("Slice", n + "/Slice_1", List.of(proj, g.longs(p + ".g0", 4L * c), g.longs(p + ".g1", 8L * c), g.longs(p + ".axis1", -1)));
        String erf = g.node("Erf", n + "/Erf", List.of(g.node("Mul", n + "/Mul", List.of(gate, g.floats(p + ".rsqrt2", new float[] { (float) (1 / Math.sqrt(2)) })))));
        String gelu = g.node("Mul", n + "/Mul_2", List.of(g.node("Mul", n + "/Mul_1", List.of(gate,
                g.floats(p + ".half", new float[] { 0.5f }))), g.node("Add", n + "/Add", List.of(erf, g.floats(p + ".one", new float[] { 1 })))));
        return linear(n + "/net.2", p + ".net.2", g.node("Mul", n + "/Mul_3", List.of(value, gelu)), 4 * c, c);
    }

    /** GroupNorm(32) as torch exports it: reshape to [B, 32, −1], InstanceNormalization, reshape back, affine. */
    private String groupNorm(String n, String p, String x, int c, float eps) {
        String shape = g.node("Shape", n + "/Shape", List.of(x));
        String grouped = g.node("Reshape", n + "/Reshape", List.of(x, g.longs(p + ".groups", 0, GROUPS, -1)));
        float[] ones = new float[GROUPS];
        java.util.Arrays.fill(ones, 1);
        String normed = g.node("InstanceNormalization", n + "/InstanceNormalization", List.of(grouped,
                g.floats(p + ".in_scale", ones, GROUPS), g.floats(p + ".in_bias", new float[GROUPS], GROUPS)), floatAttr("epsilon", eps));
        String back = g.node("Reshape", n + "/Reshape_1", List.of(normed, shape));
        float[] gamma = new float[c];
        java.util.Arrays.fill(gamma, 1);
        String scaled = g.node("Mul", n + "/Mul", List.of(back, g.floats(p + ".weight", gamma, c, 1, 1)));
        parameters += 2L * c;
        return g.node("Add", n + "/Add", List.of(scaled, g.floats(p + ".bias", new float[c], c, 1, 1)));
    }

    private String layerNorm(String n, String p, String x, int c) {
        float[] gamma = new float[c];
        java.util.Arrays.fill(gamma, 1);
        parameters += 2L * c;
        return g.node("LayerNormalization", n + "/LayerNormalization", List.of(x, g.floats(p + ".weight", gamma, c),
                g.floats(p + ".bias", new float[c], c)), intAttr("axis", -1), floatAttr("epsilon", 1e-5f));
    }

    private String conv(String n, String p, String x, int in, int out, int k, int stride) {
        String w = weight(p + ".weight", in * k * k, out, in, k, k);
        String b = weight(p + ".bias", in * k * k, out);
        return g.node("Conv", n + "/Conv", List.of(x, w, b), intsAttr("kernel_shape", k, k),
                intsAttr("pads", k / 2, k / 2, k / 2, k / 2), intsAttr("strides", stride, stride));
    }

    private String linear(String n, String p, String x, int in, int out) {
        String h = g.node("MatMul", n + "/MatMul", List.of(x, weight(p + ".weight", in, in, out)));
        return g.node("Add", n + "/Add", List.of(h, weight(p + ".bias", in, out)));
    }

    private String silu(String n, String x) {
        return g.node("Mul", n + "/Mul", List.of(x, g.node("Sigmoid", n + "/Sigmoid", List.of(x))));
    }

    /** Uniform weights with variance 1/fanIn, written straight to weights.pb. */
    private String weight(String name, int fanIn, long... shape) {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        parameters += count;
        float bound = (float) Math.sqrt(3.0 / fanIn);
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(count * 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < count; i++) {
            b.putFloat((random.nextFloat() * 2 - 1) * bound);
        }
        return g.raw(name, DataType.FLOAT, b.array(), shape);
    }

    /** input_ids → embedding table [vocab, 768] → last_hidden_state [batch, sequence, 768]. */
    private static ModelProto textEncoder(int vocab) {
        GraphBuilder t = new GraphBuilder("text_encoder");
        String ids = t.input("input_ids", DataType.INT32, "batch", "sequence");
        float[] table = new float[vocab * CONTEXT];
        SplittableRandom r = new SplittableRandom(768);
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) r.nextGaussian();
        }
        String h = t.node("Gather", "/embeddings/token_embedding/Gather", List.of(t.floats("token_embedding", table, vocab, CONTEXT), ids));
        t.identity(h, "last_hidden_state");
        t.output("last_hidden_state", DataType.FLOAT, "batch", "sequence", CONTEXT);
        return t.model("maskmill-sd15-stand-in");
    }

    /** latent [batch, 4, h, w] → the first three channels upsampled ×8 [batch, 3, 8h, 8w]. */
    private static ModelProto vaeDecoder() {
        GraphBuilder v = new GraphBuilder("vae_decoder");
        String latent = v.input("latent_sample", DataType.FLOAT, "batch", 4, "height", "width");
        String up = v.node("Resize", "/decoder/up/Resize", List.of(latent, "", v.floats("scales", new float[] { 1, 1, 8, 8 }, 4)),
                stringAttr("mode", "nearest"));
        String rgb = v.node("Slice", "/decoder/Slice", List.of(up, v.longs("s0", 0), v.longs("s1", 3), v.longs("sa", 1)));
        v.identity(rgb, "sample");
        v.output("sample", DataType.FLOAT, "batch", 3, "h8", "w8");
        return v.model("maskmill-sd15-stand-in");
    }
}
