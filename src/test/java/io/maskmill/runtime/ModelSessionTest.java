package io.maskmill.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.maskmill.runtime.graph.GraphBuilder;

class ModelSessionTest {
    private static final int N = 512;

    @TempDir
    Path tmp;

    /**
     * A session closed while another thread runs it (a service stopping under an event) closes after that
     * run, never under it (ONNX Runtime would read freed memory: SIGSEGV, the test JVM gone); a run after
     * the close is refused with an error that says why.
     */
    @Test
    void closingWaitsForTheRunInProgressAndRefusesLaterRuns() throws Exception {
        // eight chained 512² matrix products: long enough that the close usually lands inside a run
        GraphBuilder g = new GraphBuilder("slow");
        g.input("x", TensorProto.DataType.FLOAT, (long) N, (long) N);
        float[] w = new float[N * N];
        for (int i = 0; i < N; i++) {
            w[i * N + i] = 1f;
        }
        String y = "x";
        String identity = g.weight("w", w, N, N);
        for (int i = 0; i < 8; i++) {
            y = g.node("MatMul", "mm" + i, List.of(y, identity));
        }
        g.identity(y, "y");
        g.output("y", TensorProto.DataType.FLOAT, (long) N, (long) N);
        Path file = tmp.resolve("slow.onnx");
        Files.write(file, g.model("test").toByteArray());

        try (OnnxRuntime runtime = new OnnxRuntime(RuntimeSettings.cpu())) {
            for (int attempt = 0; attempt < 3; attempt++) {
                ModelSession session = new ModelSession(file, runtime.env().createSession(file.toString()));
                float[] input = new float[N * N];
                input[7] = 3f;
                List<String> outcomes = new ArrayList<>();
                try (OnnxTensor x = OnnxTensor.createTensor(runtime.env(), java.nio.FloatBuffer.wrap(input), new long[] { N, N })) {
                    CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                        for (int i = 0; i < 20; i++) {
                            try (OrtSession.Result r = session.run(Map.of("x", x))) {
                                float[][] out = (float[][]) r.get(0).getValue();
                                outcomes.add(out[0][7] == 3f ? "ran" : "wrong " + out[0][7]);
                            } catch (IllegalStateException refused) {
                                outcomes.add(refused.getMessage());
                                return;
                            } catch (ai.onnxruntime.OrtException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    });
                    Thread.sleep(20);
                    session.close();
                    running.get();
                }
                assertThat(outcomes).allSatisfy(o -> assertThat(o).matches("ran|.* is closed: this instance is shutting down"));
                assertThatThrownBy(() -> session.run(Map.of())).hasMessageContaining("slow.onnx is closed");
                session.close(); // twice is harmless
            }
        }
    }
}
