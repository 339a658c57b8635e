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

        Path twice = tmp.resolve("twice");
        ModelPreparer.prepare(TinyModels.write(TinyVariant.SD1, tmp.resolve("raw3")), twice, TinyModelSet.options(TinyVariant.SD1));
        assertThatThrownBy(() -> ModelPreparer.prepare(twice, tmp.resolve("again"), TinyModelSet.options(TinyVariant.SD1)))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("already has attention output");
        Files.delete(twice.resolve("unet/weights.pb"));
        assertThatThrownBy(() -> ModelPreparer.prepare(twice, tmp.resolve("again"), ModelPreparer.Options.defaults()))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("unet/model.onnx")
                .hasMessageContaining("external weights file").hasMessageContaining("weights.pb").hasMessageContaining("found none");
        Files.delete(prepared.resolve(ModelManifest.FILE));
        assertThatThrownBy(() -> ModelManifest.read(prepared)).hasMessageContaining("maskmill-model.json")
                .hasMessageContaining("prepare");
    }

    /** The surgery writes each operator in its graph's opset's form (Shape start/end from 15, ReduceMean axes input from 18). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = { 14, 15, 17, 18 })
    void preparedGraphsAreValidAtTheirOwnOpset(int opset) throws Exception {
        Path raw = TinyModels.write(TinyVariant.SD1, tmp.resolve("raw"));
        Path unet = raw.resolve("unet/model.onnx");
        ModelProto model = OnnxFiles.read(unet);
        Files.write(unet, model.toBuilder().clearOpsetImport().addOpsetImport(ai.onnx.proto.OnnxMl.OperatorSetIdProto
                .newBuilder().setDomain("").setVersion(opset)).build().toByteArray());
        Path out = tmp.resolve("out");
        ModelPreparer.prepare(raw, out, TinyModelSet.options(TinyVariant.SD1));
        ModelProto prepared = OnnxFiles.read(out.resolve("unet/model.onnx"));
        assertThat(prepared.getOpsetImport(0).getVersion()).isEqualTo(opset);
        for (NodeProto n : prepared.getGraph().getNodeList()) {
            if (n.getOpType().equals("Shape") && opset < 15) {
                assertThat(n.getAttributeList()).as(n.getName()).isEmpty();
            }
            if (n.getOpType().equals("ReduceMean") && opset >= 18) {
                assertThat(n.getAttributeList()).as(n.getName()).noneMatch(a -> a.getName().equals("axes"));
            }
        }
        // ONNX Runtime checks every node against the opset, and the attention is the same as at opset 17
        GeneratedSample s = new DiffusionPipeline(DiffusionModel.load(out, new io.maskmill.runtime.OnnxRuntime(
                io.maskmill.runtime.RuntimeSettings.cpu().withThreads(1))), TinyModelFixture.RUNTIME.env())
                .generate("a photo of a dog", "dog", new long[] { 3 }, new SampleSettings(2, 2, null, SampleSettings.DEFAULT_WEIGHTS, true))
                .get(0);
        assertThat(s.attention().width()).isEqualTo(128);
    }

    @Test
    void opsetsOutsideTheSurgerysRangeAreRefusedByName() throws Exception {
        Path raw = TinyModels.write(TinyVariant.SD1, tmp.resolve("raw"));
        Path unet = raw.resolve("unet/model.onnx");
        ModelProto model = OnnxFiles.read(unet);
        Files.write(unet, model.toBuilder().clearOpsetImport().addOpsetImport(ai.onnx.proto.OnnxMl.OperatorSetIdProto
                .newBuilder().setDomain("").setVersion(9)).build().toByteArray());
        assertThatThrownBy(() -> ModelPreparer.prepare(raw, tmp.resolve("out"), ModelPreparer.Options.defaults()))
                .isInstanceOf(ModelFileException.class).hasMessageContaining(unet.toString())
                .hasMessageContaining("opset 9").hasMessageContaining("11 to 23");
    }

    /** diffusers' own export script, unmodified: every dimension of 'sample' dynamic, opset 14, no component configs. */
    @Test
    void anUnmodifiedDiffusersExportIsReadFromItsGraphs() {
        ModelManifest m = ModelPreparer.prepare(ReferenceParityTest.EXPORT, tmp.resolve("out"), ModelPreparer.Options.defaults());
        assertThat(m.latentChannels()).isEqualTo(4);
        assertThat(m.vaeScaleFactor()).as("2 VAE blocks").isEqualTo(2);
        assertThat(m.hiddenSize()).isEqualTo(32);
        assertThat(m.unetInputs()).containsEntry("timestep", "float32");
        assertThat(m.latentSize()).isEqualTo(64);
        assertThat(m.derivedFrom().get("latentSize")).contains("assumed").contains("--latent-size");
        assertThat(m.derivedFrom().get("vaeScaleFactor")).contains("vae_decoder/model.onnx");
        assertThat(m.attention()).extracting(ModelManifest.AttentionOutput::output).containsExactly("attn_32");
        assertThat(m.attention().get(0).layers()).isEqualTo(6);
        ModelManifest at32 = ModelPreparer.prepare(ReferenceParityTest.EXPORT, tmp.resolve("out32"),
                ModelPreparer.Options.defaults().withLatentSize(32));
        assertThat(at32.attention()).extracting(ModelManifest.AttentionOutput::output).containsExactly("attn_16");
        assertThat(at32.derivedFrom().get("latentSize")).contains("--latent-size");
    }

    @Test
    void aVaeConfigThatDisagreesWithTheDecoderIsRefused() throws Exception {
        Path raw = TinyModels.write(TinyVariant.SD1, tmp.resolve("raw"));
        Files.writeString(raw.resolve("vae_decoder/config.json"), "{\"block_out_channels\": [128, 256, 512, 512, 512]}");
        assertThatThrownBy(() -> ModelPreparer.prepare(raw, tmp.resolve("out"), TinyModelSet.options(TinyVariant.SD1)))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("vae_decoder/model.onnx")
                .hasMessageContaining("expected a scale factor of 16").hasMessageContaining("found 8");
    }

    @Test
    void onnxRuntimesOwnReasonIsShownWhenItRefusesAGraph() throws Exception {
        Path raw = TinyModels.write(TinyVariant.SD1, tmp.resolve("raw"));
        Path file = raw.resolve("vae_decoder/model.onnx");
        ModelProto model = OnnxFiles.read(file);
        var graph = model.getGraph().toBuilder();
        // an attribute the graph's opset does not define (the old surgery's mistake at opset 14)
        graph.setNode(0, graph.getNode(0).toBuilder().addAttribute(io.maskmill.runtime.graph.GraphBuilder.intAttr("start", 0)));
        Files.write(file, model.toBuilder().setGraph(graph).build().toByteArray());
        assertThatThrownBy(() -> new io.maskmill.runtime.OnnxRuntime(io.maskmill.runtime.RuntimeSettings.cpu()).session(file))
                .isInstanceOf(ModelFileException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("ONNX Runtime refused the graph").hasMessageContaining("start")
                .hasMessageNotContaining("corrupt");
    }

    @Test
    void aDecoderWhoseOutputSizeDisagreesWithTheManifestIsRefusedAtLoad() throws Exception {
        Path out = tmp.resolve("out");
        ModelPreparer.prepare(TinyModels.write(TinyVariant.SD1, tmp.resolve("raw")), out, TinyModelSet.options(TinyVariant.SD1));
        Path manifest = out.resolve(ModelManifest.FILE);
        String json = Files.readString(manifest);
        Files.delete(manifest);
        Files.writeString(manifest, json.replace("\"vaeScaleFactor\" : 8", "\"vaeScaleFactor\" : 2"));
        assertThatThrownBy(() -> DiffusionModel.load(out, TinyModelFixture.RUNTIME))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("vae_decoder/model.onnx")
                .hasMessageContaining("expected [1, 3, 32, 32]").hasMessageContaining("found [1, 3, 128, 128]");
    }
}
