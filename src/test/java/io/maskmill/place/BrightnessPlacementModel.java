package io.maskmill.place;

import java.nio.file.Path;
import java.util.List;

import ai.onnx.proto.OnnxMl.TensorProto;
import io.maskmill.runtime.graph.GraphBuilder;
import io.maskmill.runtime.graph.OnnxFiles;

/**
 * A tiny ONNX model with the FOPA placement contract whose answer is known in advance: every scale's
 * heatmap is sigmoid(mean over channels of the normalised background), so the best centres are the
 * brightest pixels of the scene. For tests and the place benchmark.
 */
public final class BrightnessPlacementModel {
    private BrightnessPlacementModel() {
    }

    /** The model with FOPA's inputs ([scales, …, side, side]) in, {@code output} out. */
    public static Path write(Path dir, String fileName, int side, int scales, String output) throws Exception {
        GraphBuilder g = new GraphBuilder("brightness-placement");
        g.input("background", TensorProto.DataType.FLOAT, 1, 3, side, side);
        g.input("foreground", TensorProto.DataType.FLOAT, scales, 3, side, side);
        g.input("mask", TensorProto.DataType.FLOAT, scales, 1, side, side);
        String brightness = g.node("ReduceMean", "brightness", List.of("background"), GraphBuilder.intsAttr("axes", 1),
                GraphBuilder.intAttr("keepdims", 1));
        // mask·0 + brightness: the [1,1,s,s] map broadcast to every scale
        String zero = g.floats("zero", new float[] { 0f }, 1);
        String perScale = g.node("Add", "per_scale", List.of(g.node("Mul", "no_mask", List.of("mask", zero)), brightness));
        g.identity(g.node("Sigmoid", "probability", List.of(perScale)), output);
        g.output(output, TensorProto.DataType.FLOAT, scales, 1, side, side);
        Path file = dir.resolve(fileName);
        OnnxFiles.write(g.model("maskmill-tests"), file, dir);
        return file;
    }

    /** The contract's model, {@code fopa-brightness.onnx} in {@code dir}. */
    public static Path write(Path dir) throws Exception {
        return write(dir, "fopa-brightness.onnx", FopaInputs.SIZE, 16, OnnxPlacementScorer.HEATMAP);
    }
}
