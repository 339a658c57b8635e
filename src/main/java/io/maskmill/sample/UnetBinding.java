package io.maskmill.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.maskmill.runtime.ModelFileException;
import io.maskmill.runtime.TensorBuffer;
import io.maskmill.runtime.TensorSpec;
import io.maskmill.sample.prepare.ModelManifest;

/**
 * The UNet's inputs and outputs for one sampling call, bound once: every tensor wraps a direct
 * buffer created here, the inputs are rewritten in place each step and the outputs are pinned, so
 * ONNX Runtime writes the prediction and the attention maps straight into buffers the pipeline reads
 * — no tensor, map or array is made per step.
 */
final class UnetBinding implements AutoCloseable {
    /** [batch, C, h, w] model input; the unconditional half first under CFG. */
    final TensorBuffer sample;
    /** One timestep per batch item (or a scalar), in the UNet's timestep type. */
    final TensorBuffer timestep;
    /** The UNet's first output, [batch, C, h, w]: noise, v or x0 prediction. */
    final TensorBuffer prediction;
    /** The manifest's cross-attention outputs in its order, each [outputBatch, side², tokens]. */
    final TensorBuffer[] attention;
    /** [outputBatch, side², side²], or null when self-attention is not read. */
    final TensorBuffer selfAttention;
    /** Text tokens per item: the attention maps' last dimension. */
    final int tokens;

    private final DiffusionModel model;
    private final List<OnnxTensor> tensors = new ArrayList<>();
    private final Map<String, OnnxTensor> feeds = new HashMap<>();
    private final Map<String, OnnxTensor> outputs = new HashMap<>();

    /**
     * @param context      [batch, tokens, hidden] text embeddings
     * @param timestepCond LCM's guidance embedding per item, or null
     * @param outputBatch  batch items the attention outputs hold (the conditional half, or all)
     */
    UnetBinding(DiffusionModel model, OrtEnvironment env, int batch, float[] context, float[] timestepCond,
            int outputBatch, boolean selfAttention) throws OrtException {
        this.model = model;
        ModelManifest m = model.manifest();
        int channels = m.latentChannels();
        int side = m.latentSize();
        int hidden = model.hiddenSize();
        this.tokens = context.length / batch / hidden;
        try {
            sample = new TensorBuffer(model.sample.type()).allocate(batch * channels * side * side);
            feeds.put("sample", tensor(env, sample, batch, channels, side, side));
            boolean scalarTimestep = model.timestep.rank() == 0;
            timestep = new TensorBuffer(model.timestep.type()).allocate(scalarTimestep ? 1 : batch);
            feeds.put("timestep", tensor(env, timestep, scalarTimestep ? new long[0] : new long[] { batch }));
            feeds.put("encoder_hidden_states",
                    tensor(env, new TensorBuffer(model.hiddenStates.type()).put(context), batch, tokens, hidden));
            if (timestepCond != null) {
                feeds.put("timestep_cond", tensor(env, new TensorBuffer(model.timestepCond.type()).put(timestepCond),
                        batch, timestepCond.length / batch));
            }

            TensorSpec predictionSpec = model.unet.outputs().values().iterator().next();
            long predictionChannels = predictionSpec.rank() == 4 && predictionSpec.dim(1) > 0 ? predictionSpec.dim(1) : channels;
            prediction = output(env, predictionSpec, batch, predictionChannels, side, side);
            attention = new TensorBuffer[m.attention().size()];
            for (int a = 0; a < attention.length; a++) {
                int r = m.attention().get(a).resolution();
                attention[a] = output(env, model.unet.output(m.attention().get(a).output()), outputBatch, r * r, tokens);
            }
            ModelManifest.AttentionOutput self = selfAttention ? m.selfAttention() : null;
            int pixels = self == null ? 0 : self.resolution() * self.resolution();
            this.selfAttention = self == null ? null
                    : output(env, model.unet.output(self.output()), outputBatch, pixels, pixels);
        } catch (OrtException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private OnnxTensor tensor(OrtEnvironment env, TensorBuffer buffer, long... shape) throws OrtException {
        OnnxTensor t = buffer.tensor(env, shape);
        tensors.add(t);
        return t;
    }

    /** A pinned output of {@code shape}; the model's declared dimensions must agree with it. */
    private TensorBuffer output(OrtEnvironment env, TensorSpec spec, long... shape) throws OrtException {
        boolean agrees = spec.rank() == shape.length;
        for (int i = 0; agrees && i < shape.length; i++) {
            agrees = spec.dim(i) < 0 || spec.dim(i) == shape[i];
        }
        if (!agrees) {
            throw new ModelFileException(model.unet.file(), "output " + spec + " does not fit the expected shape "
                    + Arrays.toString(shape) + " (maskmill-model.json and the UNet disagree)");
        }
        TensorBuffer buffer = new TensorBuffer(spec.type()).allocate(Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact)));
        outputs.put(spec.name(), tensor(env, buffer, shape));
        return buffer;
    }

    /** One UNet run: reads the input buffers, fills the output buffers. */
    void run() {
        try (OrtSession.Result ignored = model.unet.run(feeds, outputs)) {
            // The outputs are ours (pinned); closing the result releases nothing we read.
        }
    }

    @Override
    public void close() {
        for (OnnxTensor t : tensors) {
            t.close();
        }
        tensors.clear();
    }
}
