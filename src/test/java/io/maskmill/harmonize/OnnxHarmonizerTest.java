package io.maskmill.harmonize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import io.maskmill.events.InvalidInputException;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;
import io.maskmill.testing.CpuOnnxRuntime;
import io.maskmill.runtime.ModelFileException;
import io.maskmill.runtime.graph.GraphBuilder;
import io.maskmill.runtime.graph.OnnxFiles;

/**
 * The ONNX path, on a model this test builds: it moves the masked pixels half-way to a fixed colour,
 * a stand-in with the real contract whose answer is known, run by the real ONNX Runtime.
 */
class OnnxHarmonizerTest {
    private static final float[] TARGET = { 0.2f, 0.4f, 0.8f };
    @RegisterExtension
    static final CpuOnnxRuntime ORT = new CpuOnnxRuntime();
    @TempDir
    static Path dir;

    static Path model(Path dir, Object height, Object width) throws Exception {
        GraphBuilder g = new GraphBuilder("halfway-harmonizer");
        g.input("composite", TensorProto.DataType.FLOAT, 1, 3, height, width);
        g.input("mask", TensorProto.DataType.FLOAT, 1, 1, height, width);
        String target = g.floats("target", TARGET, 1, 3, 1, 1);
        String half = g.floats("half", new float[] { 0.5f }, 1);
        String diff = g.node("Sub", "diff", List.of(target, "composite"));
        String masked = g.node("Mul", "masked", List.of(diff, "mask"));
        String step = g.node("Mul", "step", List.of(masked, half));
        g.identity(g.node("Add", "add", List.of("composite", step)), "harmonized");
        g.output("harmonized", TensorProto.DataType.FLOAT, 1, 3, height, width);
        ModelProto model = g.model("maskmill-tests");
        Path file = dir.resolve("harmonizer-" + height + "x" + width + ".onnx");
        OnnxFiles.write(model, file, dir);
        return file;
    }

    @Test
    void movesTheObjectAsTheModelSaysAndLeavesTheSceneAlone() throws Exception {
        for (Object size : new Object[] { 64, "side" }) {
            OnnxHarmonizer harmonizer = new OnnxHarmonizer(ORT.get().session(model(dir, size, size)), 0);
            RgbImage image = new RgbImage(96, 96);
            LabelMask mask = new LabelMask(96, 96);
            for (int y = 0; y < 96; y++) {
                for (int x = 0; x < 96; x++) {
                    for (int c = 0; c < 3; c++) {
                        image.set(x, y, c, 0.6f);
                    }
                    mask.set(x, y, x >= 24 && x < 72 && y >= 24 && y < 72 ? 1 : 0);
                }
            }
            HarmonizationResult result = harmonizer.harmonize(image, mask);
            assertTrue(result.applied(), result.detail());
            RgbImage out = result.image();
            assertEquals(0.6f, out.get(5, 5, 2), 0f, "scene untouched");
            for (int c = 0; c < 3; c++) {
                // deep inside the object the model's change (half-way to the target) arrives in full
                assertEquals(0.6f + (TARGET[c] - 0.6f) / 2, out.get(48, 48, c), 1e-4f, "channel " + c + " at size " + size);
            }
        }
    }

    @Test
    void refusesWhatItCannotRunAndPassesThroughWhatHasNoObject() throws Exception {
        OnnxHarmonizer harmonizer = new OnnxHarmonizer(ORT.get().session(model(dir, 32, 32)), 2);
        RgbImage image = new RgbImage(40, 40);
        assertFalse(harmonizer.harmonize(image, new LabelMask(40, 40)).applied());
        assertThrows(InvalidInputException.class, () -> harmonizer.harmonize(image, new LabelMask(20, 40)));
        Path notAModel = Files.writeString(dir.resolve("broken.onnx"), "not a model");
        var e = assertThrows(ModelFileException.class, () -> ORT.get().session(notAModel));
        assertTrue(e.getMessage().contains("broken.onnx"), e.getMessage());
    }
}
