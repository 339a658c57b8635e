package io.maskmill.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.onnxruntime.OrtEnvironment;
import io.maskmill.sample.TinyModelFixture;
import io.maskmill.sample.model.TinyVariant;

class OnnxRuntimeTest {
    @TempDir
    Path tmp;

    @Test
    void autoFallsBackToCpuWhereCudaIsAbsentAndSharesSessions() {
        boolean cuda = OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA);
        Path unet = TinyModelFixture.prepared(TinyVariant.SD1).resolve("unet/model.onnx");
        try (OnnxRuntime runtime = new OnnxRuntime(new RuntimeSettings(ExecutionProvider.AUTO, 0, 1, 1, true, true))) {
            ModelSession a = runtime.session(unet);
            assertThat(runtime.session(unet)).isSameAs(a);
            assertThat(runtime.activeProvider()).isEqualTo(cuda ? "CUDA:0" : "CPU");
        }
    }

    @Test
    void cudaIsChosenWhereAGpuIsPresent() {
        assumeTrue(OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA),
                "no CUDA execution provider in this ONNX Runtime build / machine");
        Path unet = TinyModelFixture.prepared(TinyVariant.SD1).resolve("unet/model.onnx");
        try (OnnxRuntime runtime = new OnnxRuntime(new RuntimeSettings(ExecutionProvider.CUDA, 0, 0, 0, true, true))) {
            runtime.session(unet);
            assertThat(runtime.activeProvider()).isEqualTo("CUDA:0");
        }
    }

    @Test
    void missingAndCorruptModelsNameTheFile() throws Exception {
        try (OnnxRuntime runtime = new OnnxRuntime(RuntimeSettings.cpu())) {
            assertThatThrownBy(() -> runtime.session(tmp.resolve("absent.onnx"))).isInstanceOf(ModelFileException.class)
                    .hasMessageContaining("absent.onnx").hasMessageContaining("does not exist");
            Path junk = Files.write(tmp.resolve("junk.onnx"), new byte[] { 1, 2, 3, 4, 5 });
            assertThatThrownBy(() -> runtime.session(junk)).isInstanceOf(ModelFileException.class)
                    .hasMessageContaining("junk.onnx").hasMessageContaining("cannot load");
        }
    }
}
