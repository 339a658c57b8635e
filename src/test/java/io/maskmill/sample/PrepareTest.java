package io.maskmill.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.maskmill.runtime.ModelFileException;
import io.maskmill.runtime.ModelSession;
import io.maskmill.runtime.graph.OnnxFiles;
import io.maskmill.sample.model.TinyModelSet;
import io.maskmill.sample.model.TinyModels;
import io.maskmill.sample.model.TinyVariant;
import io.maskmill.sample.prepare.ModelManifest;
import io.maskmill.sample.prepare.ModelPreparer;

class PrepareTest {
    @TempDir
    Path tmp;

    @Test
    void addsOneOutputPerResolutionAveragingItsLayers() {
        Path raw = TinyModels.write(TinyVariant.SD1, tmp.resolve("raw"));
        ModelManifest m = ModelPreparer.prepare(raw, tmp.resolve("out"), TinyModelSet.options(TinyVariant.SD1));
        assertThat(m.attention()).extracting(ModelManifest.AttentionOutput::output).containsExactly("attn_8", "attn_16");
        assertThat(m.attention()).extracting(ModelManifest.AttentionOutput::layers).containsExactly(2, 2);
        assertThat(m.selfAttention().output()).isEqualTo("self_attn_8");
        assertThat(m.attentionBatch()).isEqualTo(ModelManifest.CONDITIONAL_HALF);
        assertThat(m.unetInputs()).containsEntry("timestep", "float32");
        assertThat(ModelManifest.read(tmp.resolve("out"))).isEqualTo(m);
        assertThat(tmp.resolve("out/unet/weights.pb")).exists();
        ModelSession unet = TinyModelFixture.RUNTIME.session(tmp.resolve("out/unet/model.onnx"));
        assertThat(unet.output("attn_16").shape()).containsExactly(-1, 256, -1);
        assertThat(unet.output("self_attn_8").shape()).containsExactly(-1, 64, 64);
    }

    @Test
    void lcmKeepsTheWholeBatchAndJointRecordsItsClasses() {
        ModelManifest lcm = ModelManifest.read(TinyModelFixture.prepared(TinyVariant.LCM));
        assertThat(lcm.attentionBatch()).isEqualTo(ModelManifest.ALL);
        assertThat(lcm.unetInputs()).containsKey("timestep_cond");
        ModelManifest joint = ModelManifest.read(TinyModelFixture.prepared(TinyVariant.JOINT));
        assertThat(joint.latentChannels()).isEqualTo(8);
        assertThat(joint.joint().annotationChannels()).isEqualTo(4);
        assertThat(joint.joint().classes()).hasSize(20).startsWith("aeroplane");
    }

    @Test
    void refusesAFusedUnetSayingToUseAnUnoptimisedExport() throws Exception {
        Path raw = TinyModels.write(TinyVariant.SD1, tmp.resolve("raw"));
        Path unet = raw.resolve("unet/model.onnx");
        ModelProto model = OnnxFiles.read(unet);
        var graph = model.getGraph().toBuilder();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto n = graph.getNode(i);
            if (n.getOpType().equals("Softmax") && n.getName().contains("/attn2/")) {
                // what an optimiser leaves behind: the attention block fused into one contrib operator
                graph.setNode(i, n.toBuilder().setOpType("MultiHeadAttention").setDomain("com.microsoft")
                        .setName(n.getName().replace("Softmax", "MultiHeadAttention")));
            }
        }
        Files.write(unet, model.toBuilder().setGraph(graph).build().toByteArray());
        assertThatThrownBy(() -> ModelPreparer.prepare(raw, tmp.resolve("out"), ModelPreparer.Options.defaults()))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining(unet.toString()).hasMessageContaining("fused")
                .hasMessageContaining("MultiHeadAttention").hasMessageContaining("unoptimised export");
    }

    @Test
    void missingAndCorruptFilesAreNamed() throws Exception {
        Path raw = TinyModels.write(TinyVariant.SD1, tmp.resolve("raw"));
        Files.delete(raw.resolve("vae_decoder/model.onnx"));
        assertThatThrownBy(() -> ModelPreparer.prepare(raw, tmp.resolve("out"), ModelPreparer.Options.defaults()))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("vae_decoder/model.onnx").hasMessageContaining("missing");

        Path prepared = tmp.resolve("prepared");
        ModelPreparer.prepare(TinyModels.write(TinyVariant.SD1, tmp.resolve("raw2")), prepared, TinyModelSet.options(TinyVariant.SD1));
        byte[] bytes = Files.readAllBytes(prepared.resolve("text_encoder/model.onnx"));
        Files.write(prepared.resolve("text_encoder/model.onnx"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertThatThrownBy(() -> DiffusionModel.load(prepared, TinyModelFixture.RUNTIME))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("text_encoder/model.onnx")
                .hasMessageContaining("cannot load");

        Files.delete(prepared.resolve("unet/weights.pb"));
        assertThatThrownBy(() -> ModelPreparer.prepare(prepared, tmp.resolve("again"), ModelPreparer.Options.defaults()))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("already has attention output");
        Files.delete(prepared.resolve(ModelManifest.FILE));
        assertThatThrownBy(() -> ModelManifest.read(prepared)).hasMessageContaining("maskmill-model.json")
                .hasMessageContaining("prepare");
    }
}
