package io.maskmill.sample.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.maskmill.runtime.ElementType;
import io.maskmill.runtime.ModelSession;
import io.maskmill.runtime.OnnxRuntime;
import io.maskmill.runtime.RuntimeSettings;
import io.maskmill.runtime.TensorBuffer;
import io.maskmill.runtime.Tensors;

class TinyModelsTest {
    @TempDir
    Path dir;

    @Test
    void everyVariantLoadsWithTheSignatureOfItsFamily() throws Exception {
        try (OnnxRuntime runtime = new OnnxRuntime(RuntimeSettings.cpu())) {
            for (TinyVariant v : TinyVariant.values()) {
                Path models = TinyModels.write(v, dir.resolve(v.folderName()));
                assertThat(models.resolve("unet/weights.pb")).exists();
                ModelSession unet = runtime.session(models.resolve("unet/model.onnx"));
                assertThat(unet.input("sample").dim(1)).isEqualTo(v.latentChannels());
                assertThat(unet.input("timestep").rank()).isEqualTo(v.timestepRank);
                assertThat(unet.inputs().containsKey("timestep_cond")).isEqualTo(v.lcm);
                assertThat(unet.input("encoder_hidden_states").dim(2)).isEqualTo(v.hidden);
                assertThat(unet.input("sample").type()).isEqualTo(v.fp16 ? ElementType.FLOAT16 : ElementType.FLOAT32);
                runOnce(runtime, unet, v);
            }
        }
    }

    private static void runOnce(OnnxRuntime runtime, ModelSession unet, TinyVariant v) throws Exception {
        var env = runtime.env();
        int n = v.latentChannels() * 16 * 16;
        float[] sample = new float[n];
        try (OnnxTensor s = new TensorBuffer(unet.input("sample").type()).put(sample).tensor(env, 1, v.latentChannels(), 16, 16);
             OnnxTensor t = new TensorBuffer(unet.input("timestep").type()).put(new float[] { 500 })
                     .tensor(env, v.timestepRank == 0 ? new long[0] : new long[] { 1 });
             OnnxTensor c = new TensorBuffer(unet.input("encoder_hidden_states").type()).put(new float[77 * v.hidden])
                     .tensor(env, 1, 77, v.hidden);
             OnnxTensor cond = new TensorBuffer(unet.input("sample").type()).put(new float[256]).tensor(env, 1, 256)) {
            Map<String, OnnxTensor> feeds = v.lcm
                    ? Map.of("sample", s, "timestep", t, "encoder_hidden_states", c, "timestep_cond", cond)
                    : Map.of("sample", s, "timestep", t, "encoder_hidden_states", c);
            try (OrtSession.Result r = unet.run(feeds)) {
                assertThat(Tensors.floats(r.get(0), "out_sample")).hasSize(n);
            }
        }
    }

    @Test
    void generationIsDeterministic() throws Exception {
        Path a = TinyModels.write(TinyVariant.SD1, dir.resolve("a"));
        Path b = TinyModels.write(TinyVariant.SD1, dir.resolve("b"));
        for (String f : new String[] { "unet/model.onnx", "unet/weights.pb", "text_encoder/model.onnx", "tokenizer/vocab.json" }) {
            assertThat(Files.readAllBytes(a.resolve(f))).as(f).isEqualTo(Files.readAllBytes(b.resolve(f)));
        }
    }
}
