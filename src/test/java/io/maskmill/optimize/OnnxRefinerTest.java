package io.maskmill.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.RgbImage;
import io.maskmill.testing.CpuOnnxRuntime;
import io.maskmill.runtime.ModelFileException;
import io.maskmill.runtime.graph.GraphBuilder;
import io.maskmill.runtime.graph.OnnxFiles;

/**
 * The ONNX refiner on models this test builds, run by the real ONNX Runtime: saliency =
 * σ(k·(attention − ½)) (plus 0·mean(image), so the image input is consumed), whose answer is known.
 */
class OnnxRefinerTest {
    static final float SHARPNESS = 10f;
    @RegisterExtension
    static final CpuOnnxRuntime ORT = new CpuOnnxRuntime();
    @TempDir
    static Path dir;

    /** The sharpened-sigmoid model at a fixed size or a symbolic one; {@code logits} leaves the sigmoid out and says so. */
    static Path model(Path dir, Object height, Object width, boolean logits) throws Exception {
        GraphBuilder g = new GraphBuilder("sharpened-attention");
        g.input(OnnxRefiner.IMAGE, TensorProto.DataType.FLOAT, 1, 3, height, width);
        g.input(OnnxRefiner.ATTENTION, TensorProto.DataType.FLOAT, 1, 1, height, width);
        String half = g.floats("half", new float[] { 0.5f }, 1);
        String k = g.floats("k", new float[] { SHARPNESS }, 1);
        String zero = g.floats("zero", new float[] { 0f }, 1);
        String centred = g.node("Sub", "centred", List.of(OnnxRefiner.ATTENTION, half));
        String logit = g.node("Mul", "logit", List.of(centred, k));
        String grey = g.node("ReduceMean", "grey", List.of(OnnxRefiner.IMAGE), GraphBuilder.intsAttr("axes", 1));
        String withImage = g.node("Add", "with_image", List.of(logit, g.node("Mul", "unused", List.of(grey, zero))));
        g.identity(logits ? withImage : g.node("Sigmoid", "sigmoid", List.of(withImage)), OnnxRefiner.OUTPUT);
        g.output(OnnxRefiner.OUTPUT, TensorProto.DataType.FLOAT, 1, 1, height, width);
        ModelProto model = g.model("maskmill-tests");
        if (logits) {
            model = model.toBuilder().addMetadataProps(StringStringEntryProto.newBuilder().setKey(OnnxRefiner.OUTPUT_KIND)
                    .setValue("logits")).build();
        }
        Path file = dir.resolve("refiner-" + height + "x" + width + (logits ? "-logits" : "") + ".onnx");
        OnnxFiles.write(model, file, dir);
        return file;
    }

    private static RefinementInput ramp(int w, int h) {
        FloatMap attention = new FloatMap(w, h);
        RgbImage image = new RgbImage(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                attention.values()[y * w + x] = x / (float) (w - 1);
                image.set(x, y, 0, 0.3f);
            }
        }
        return new RefinementInput(image, attention, null);
    }

    private static float expected(float a) {
        return (float) (1 / (1 + Math.exp(-SHARPNESS * (a - 0.5))));
    }

    @Test
    void aDynamicModelRunsAtTheImageSizeAndItsScoreIsTheReference() throws Exception {
        for (boolean logits : new boolean[] { false, true }) {
            OnnxRefiner refiner = new OnnxRefiner(ORT.get().session(model(dir, "height", "width", logits)));
            RefinementInput in = ramp(64, 32);
            Reference ref = refiner.refine(in);
            assertEquals(64, ref.score().width());
            for (int p = 0; p < 64 * 32; p++) {
                float a = in.attention().values()[p];
                assertEquals(expected(a), ref.score().values()[p], 1e-5f, "score at " + p + (logits ? " (logits)" : ""));
                assertEquals(a >= 0.5f ? 1 : 0, ref.mask().labels()[p], "mask at " + p);
            }
        }
    }

    @Test
    void aFixedSizeModelGetsItsSizeAndTheScoreComesBackAtTheImageSize() throws Exception {
        OnnxRefiner refiner = new OnnxRefiner(ORT.get().session(model(dir, 16, 16, false)));
        RefinementInput in = ramp(96, 40);
        Reference ref = refiner.refine(in);
        assertEquals(96, ref.score().width());
        assertEquals(40, ref.score().height());
        for (int x = 8; x < 88; x++) { // away from the clamped ends, bilinear twice reproduces a ramp closely
            float a = in.attention().values()[20 * 96 + x];
            assertEquals(expected(a), ref.score().values()[20 * 96 + x], 0.03f, "x " + x);
        }
    }

    @Test
    void aModelOffTheContractIsRefusedNamingTheFile() throws Exception {
        Path wrong = OnnxRefinerTest.wrongChannels(dir);
        var e = assertThrows(ModelFileException.class, () -> new OnnxRefiner(ORT.get().session(wrong)));
        assertTrue(e.getMessage().contains("two-channel-image.onnx") && e.getMessage().contains("[1,3,H,W]"), e.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> Refiners.onnx(Optional.empty(), ORT.get()::session));
        assertTrue(missing.getMessage().contains("maskmill.optimize.model"), missing.getMessage());
    }

    private static Path wrongChannels(Path dir) throws Exception {
        GraphBuilder g = new GraphBuilder("two-channel-image");
        g.input(OnnxRefiner.IMAGE, TensorProto.DataType.FLOAT, 1, 2, 8, 8);
        g.input(OnnxRefiner.ATTENTION, TensorProto.DataType.FLOAT, 1, 1, 8, 8);
        g.identity(OnnxRefiner.ATTENTION, OnnxRefiner.OUTPUT);
        g.output(OnnxRefiner.OUTPUT, TensorProto.DataType.FLOAT, 1, 1, 8, 8);
        Path file = dir.resolve("two-channel-image.onnx");
        OnnxFiles.write(g.model("maskmill-tests"), file, dir);
        return file;
    }
}
