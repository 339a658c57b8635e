package io.maskmill.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.maskmill.runtime.graph.GraphBuilder;

class TensorBufferTest {
    @TempDir
    Path tmp;

    @Test
    void writesAtAnOffsetFillsAndReadsBackInEveryType() {
        float[] values = { 0.5f, -2f, 3.25f, 1000f };
        for (ElementType type : ElementType.values()) {
            TensorBuffer b = new TensorBuffer(type).allocate(6).fill(7f);
            b.write(1, values, 0, 4);
            float[] back = new float[6];
            b.read(0, back, 0, 6);
            boolean integral = !type.isFloat();
            // 0.5 rounds half up to 1, 3.25 to 3 in the integer types; float16 holds all four exactly
            assertThat(back).as(type.name())
                    .containsExactly(7f, integral ? 1f : 0.5f, -2f, integral ? 3f : 3.25f, 1000f, 7f);
            assertThat(b.get(3)).isEqualTo(back[3]);
            assertThat(b.size()).isEqualTo(6);
        }
    }

    @Test
    void refusesRangesOutsideTheBuffer() {
        TensorBuffer b = new TensorBuffer(ElementType.FLOAT32).allocate(4);
        assertThatThrownBy(() -> b.write(2, new float[3], 0, 3)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("[2, 5) outside a buffer of 4");
        assertThatThrownBy(() -> b.read(-1, new float[4], 0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void pinnedOutputsAreWrittenInPlaceOnEveryRun() throws Exception {
        // y = Cast<float16>(x · 2): a float32 input rewritten in place, a float16 output pinned.
        GraphBuilder g = new GraphBuilder("double");
        g.input("x", TensorProto.DataType.FLOAT, 2L, 3L);
        String two = g.floats("two", new float[] { 2f });
        String doubled = g.node("Mul", "mul", List.of("x", two));
        g.identity(g.cast("cast", doubled, TensorProto.DataType.FLOAT16), "y");
        g.output("y", TensorProto.DataType.FLOAT16, 2L, 3L);
        Path file = tmp.resolve("double.onnx");
        Files.write(file, g.model("test").toByteArray());

        try (OnnxRuntime runtime = new OnnxRuntime(RuntimeSettings.cpu())) {
            ModelSession session = runtime.session(file);
            TensorBuffer x = new TensorBuffer(ElementType.FLOAT32).allocate(6);
            TensorBuffer y = new TensorBuffer(ElementType.FLOAT16).allocate(6);
            try (OnnxTensor in = x.tensor(runtime.env(), 2, 3); OnnxTensor out = y.tensor(runtime.env(), 2, 3)) {
                float[] read = new float[6];
                for (float base : new float[] { 1f, -4f }) {
                    x.write(0, new float[] { base, base + 1, base + 2, base + 3, base + 4, base + 5 }, 0, 6);
                    try (OrtSession.Result r = session.run(Map.of("x", in), Map.of("y", out))) {
                        assertThat(r.isResultOwner(0)).isFalse();
                    }
                    y.read(0, read, 0, 6);
                    assertThat(read).containsExactly(2 * base, 2 * base + 2, 2 * base + 4, 2 * base + 6, 2 * base + 8,
                            2 * base + 10);
                }
                assertThat(out.isClosed()).isFalse();
            }
        }
    }
}
