package io.maskmill.sample.prepare;

import static io.maskmill.runtime.graph.GraphBuilder.intAttr;
import static io.maskmill.runtime.graph.GraphBuilder.intsAttr;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.maskmill.runtime.ModelFileException;
import io.maskmill.runtime.graph.GraphBuilder;

/**
 * The {@code prepare} graph surgery: taps the UNet's attention softmax nodes and adds one output
 * per resolution, {@code attn_<side>} = mean over heads and over that resolution's layers of the
 * cross-attention probabilities, shape [batch, side², tokens] (float32), and optionally
 * {@code self_attn_<side>} [batch, side², side²] from the self-attention.
 *
 * <p>Resolutions come from diffusers' node names: {@code down_blocks.i} works at latent/2^i,
 * {@code mid_block} at the lowest resolution, {@code up_blocks.j} at latent/2^(n−1−j) for n down
 * blocks. Heads are averaged whatever the exporter's layout ([B, heads, q, k] or [B·heads, q, k]):
 * the probabilities are reshaped to [B, −1, q, k] with B taken from the {@code sample} input.
 * With {@code conditionalHalf} the outputs keep only the second half of the batch, the
 * conditional half of a classifier-free-guidance batch.
 */
public final class AttentionCapture {
    private static final Pattern DOWN = Pattern.compile("/down_blocks\\.(\\d+)/");
    private static final Pattern UP = Pattern.compile("/up_blocks\\.(\\d+)/");
    /** Opsets whose operators the surgery writes correctly: Slice with inputs (10+), ReduceMean either form. */
    public static final int MIN_OPSET = 11;
    public static final int MAX_OPSET = 23;
    private static final Set<String> FUSED_OPS = Set.of("Attention", "MultiHeadAttention", "PackedMultiHeadAttention",
            "GroupQueryAttention", "FusedMatMul", "SkipLayerNormalization");

    /** What was added: output name → resolution side and number of layers averaged. */
    public record Output(String name, int side, int layers, boolean self) {
    }

    public record Result(ModelProto model, List<Output> outputs) {
    }

    private AttentionCapture() {
    }

    /**
     * @param file             the model's file, for messages
     * @param latentSize       the latent side the resolutions are named for (64 for 512² SD 1.x)
     * @param selfAttentionSide the side of the self-attention output to add, or 0 for none
     */
    public static Result apply(ModelProto model, Path file, int latentSize, int selfAttentionSide, boolean conditionalHalf) {
        List<NodeProto> nodes = model.getGraph().getNodeList();
        model.getGraph().getOutputList().forEach(o -> {
            if (o.getName().startsWith("attn_") || o.getName().startsWith("self_attn_")) {
                throw new ModelFileException(file, "already has attention output '" + o.getName() + "' (prepared before?)");
            }
        });
        List<NodeProto> cross = softmaxes(nodes, "/attn2/");
        if (cross.isEmpty()) {
            refuse(nodes, file);
        }
        int downBlocks = nodes.stream().map(n -> DOWN.matcher(n.getName())).filter(Matcher::find)
                .mapToInt(m -> Integer.parseInt(m.group(1)) + 1).max().orElse(1);
        int opset = opset(model, file);
        Ops ops = new Ops(new GraphBuilder(model.getGraph()), opset);
        GraphBuilder g = ops.g;
        String batch = ops.shape("/maskmill/batch", "sample", 0, 1);
        String start = conditionalHalf
                ? g.node("Div", "/maskmill/batch/Div", List.of(batch, g.longs("/maskmill/two", 2))) : null;
        List<Output> outputs = new ArrayList<>();
        Map<Integer, List<NodeProto>> bySide = group(cross, file, latentSize, downBlocks);
        bySide.forEach((side, layers) -> outputs.add(capture(ops, "attn_" + side, side, layers, batch, start, false)));
        if (selfAttentionSide > 0) {
            List<NodeProto> self = group(softmaxes(nodes, "/attn1/"), file, latentSize, downBlocks).get(selfAttentionSide);
            if (self == null) {
                throw new ModelFileException(file, "has no self-attention (/attn1/ Softmax) at " + selfAttentionSide + "²");
            }
            outputs.add(capture(ops, "self_attn_" + selfAttentionSide, selfAttentionSide, self, batch, start, true));
        }
        return new Result(g.model(model.getProducerName()).toBuilder().clearOpsetImport()
                .addAllOpsetImport(model.getOpsetImportList()).setIrVersion(model.getIrVersion())
                .setProducerName(model.getProducerName() + "+maskmill-prepare").build(), outputs);
    }

    /** The default-domain opset, refused outside the range whose operators the surgery writes. */
    public static int opset(ModelProto model, Path file) {
        int opset = model.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToInt(o -> (int) o.getVersion()).findFirst()
                .orElseThrow(() -> new ModelFileException(file, "imports no default-domain (ai.onnx) opset"));
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new ModelFileException(file, "is at ONNX opset " + opset + "; the attention surgery writes operators for opsets "
                    + MIN_OPSET + " to " + MAX_OPSET + " (re-export with --opset 14 to 17)");
        }
        return opset;
    }

    /**
     * Nodes written in the form the graph's own opset defines: {@code Shape} takes {@code start}/{@code end}
     * only from opset 15 (a {@code Slice} of the whole shape before), and {@code ReduceMean} takes its axes
     * as an attribute up to opset 17 and as an input from 18.
     */
    private record Ops(GraphBuilder g, int opset) {
        /** Dimensions [start, end) of {@code input}'s shape (end Long.MAX_VALUE: to the last). */
        String shape(String prefix, String input, long start, long end) {
            if (opset >= 15) {
                return end == Long.MAX_VALUE ? g.node("Shape", prefix + "/Shape", List.of(input), intAttr("start", start))
                        : g.node("Shape", prefix + "/Shape", List.of(input), intAttr("start", start), intAttr("end", end));
            }
            String all = g.node("Shape", prefix + "/Shape", List.of(input));
            return g.node("Slice", prefix + "/SliceShape", List.of(all, g.longs(prefix + "/starts", start),
                    g.longs(prefix + "/ends", end), g.longs(prefix + "/axes", 0)));
        }

        String reduceMean(String name, String input, long axis) {
            if (opset >= 18) {
                return g.node("ReduceMean", name, List.of(input, g.longs(name + "/axes", axis)), intAttr("keepdims", 0));
            }
            return g.node("ReduceMean", name, List.of(input), intsAttr("axes", axis), intAttr("keepdims", 0));
        }
    }

    private static List<NodeProto> softmaxes(List<NodeProto> nodes, String marker) {
        return nodes.stream().filter(n -> n.getOpType().equals("Softmax") && n.getName().contains(marker)).toList();
    }

    private static void refuse(List<NodeProto> nodes, Path file) {
        Set<String> fused = nodes.stream().map(NodeProto::getOpType).filter(FUSED_OPS::contains)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        boolean namedAttn2 = nodes.stream().anyMatch(n -> n.getName().contains("/attn2/"));
        if (!fused.isEmpty() || namedAttn2) {
            throw new ModelFileException(file, "its cross-attention is fused (no Softmax left under /attn2/"
                    + (fused.isEmpty() ? "" : "; fused operators " + fused) + "), so the attention probabilities "
                    + "cannot be tapped. Use an unoptimised export (src/main/python/export_sd_onnx.py, or optimum "
                    + "without --optimize / ORT transformer optimisations).");
        }
        throw new ModelFileException(file, "has no cross-attention Softmax nodes (no node named like "
                + "'/down_blocks.0/attentions.0/transformer_blocks.0/attn2/Softmax'); is it a diffusers UNet export?");
    }

    private static Map<Integer, List<NodeProto>> group(List<NodeProto> softmaxes, Path file, int latentSize, int downBlocks) {
        Map<Integer, List<NodeProto>> bySide = new TreeMap<>();
        for (NodeProto n : softmaxes) {
            int level = level(n.getName(), downBlocks);
            if (level < 0) {
                throw new ModelFileException(file, "attention node " + n.getName()
                        + " is in neither down_blocks, mid_block nor up_blocks; cannot tell its resolution");
            }
            bySide.computeIfAbsent(latentSize >> level, k -> new ArrayList<>()).add(n);
        }
        return bySide;
    }

    private static int level(String name, int downBlocks) {
        Matcher down = DOWN.matcher(name);
        if (down.find()) {
            return Integer.parseInt(down.group(1));
        }
        if (name.contains("/mid_block/")) {
            return downBlocks - 1;
        }
        Matcher up = UP.matcher(name);
        return up.find() ? downBlocks - 1 - Integer.parseInt(up.group(1)) : -1;
    }

    /** Per layer: float32, [B, −1, q, k], mean over heads; then the mean of the layers; then the batch half. */
    private static Output capture(Ops ops, String name, int side, List<NodeProto> layers, String batch,
            String start, boolean self) {
        GraphBuilder g = ops.g();
        String p = "/maskmill/" + name;
        List<String> perLayer = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String probs = g.cast(p + "/Cast_" + i, layers.get(i).getOutput(0), DataType.FLOAT);
            String qk = ops.shape(p + "/qk_" + i, probs, -2, Long.MAX_VALUE);
            String shape = g.node("Concat", p + "/Concat_" + i, List.of(batch, g.longs(p + "/minus_one_" + i, -1), qk),
                    intAttr("axis", 0));
            String heads = g.node("Reshape", p + "/Reshape_" + i, List.of(probs, shape));
            perLayer.add(ops.reduceMean(p + "/ReduceMean_" + i, heads, 1));
        }
        String mean = perLayer.get(0);
        if (perLayer.size() > 1) {
            mean = g.node("Div", p + "/Div", List.of(g.node("Sum", p + "/Sum", perLayer),
                    g.floats(p + "/layers", new float[] { perLayer.size() })));
        }
        if (start != null) {
            mean = g.node("Slice", p + "/Slice", List.of(mean, start, g.longs(p + "/end", Long.MAX_VALUE), g.longs(p + "/axis", 0)));
        }
        g.identity(mean, name);
        g.output(name, DataType.FLOAT, "batch", (long) side * side, self ? (Object) ((long) side * side) : "tokens");
        return new Output(name, side, layers.size(), self);
    }
}
