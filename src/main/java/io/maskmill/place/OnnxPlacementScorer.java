package io.maskmill.place;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.maskmill.runtime.ModelFileException;
import io.maskmill.runtime.ModelSession;
import io.maskmill.runtime.TensorBuffer;
import io.maskmill.runtime.TensorSpec;
import io.maskmill.runtime.Tensors;

/**
 * F_h from an ONNX FOPA placement model (contract: {@link FopaInputs}, place.md): {@code background}
 * [1,3,256,256], {@code foreground} [n,3,256,256] and {@code mask} [n,1,256,256] in, {@code heatmap}
 * [n,1,256,256] out, n = the scale count. The model is checked against the contract when it is loaded,
 * so a wrong export fails at start-up, naming the file. Thread-safe: the session is shared, the input
 * buffers are pooled per concurrent call.
 */
public final class OnnxPlacementScorer implements PlacementScorer {
    static final String BACKGROUND = "background";
    static final String FOREGROUND = "foreground";
    static final String MASK = "mask";
    static final String HEATMAP = "heatmap";
    /** Low mantissa bits dropped from every score, see {@link #stable(float)}. */
    private static final int DROPPED_BITS = 7;

    private final ModelSession model;
    private final int scales;
    private final TensorSpec background;
    private final TensorSpec foreground;
    private final TensorSpec mask;
    private final ConcurrentLinkedDeque<Feeds> idleFeeds = new ConcurrentLinkedDeque<>();

    /** The model's three input buffers, in the element types it declares; reused call after call. */
    private final class Feeds {
        final TensorBuffer background = new TensorBuffer(OnnxPlacementScorer.this.background.type());
        final TensorBuffer foreground = new TensorBuffer(OnnxPlacementScorer.this.foreground.type());
        final TensorBuffer mask = new TensorBuffer(OnnxPlacementScorer.this.mask.type());
    }

    /** @param scales n, the placer's scale count (16 for FOPA); the model's fixed batch dimensions must match it */
    public OnnxPlacementScorer(ModelSession model, int scales) {
        this.model = model;
        this.scales = scales;
        this.background = checked(model.input(BACKGROUND), 1, 3);
        this.foreground = checked(model.input(FOREGROUND), scales, 3);
        this.mask = checked(model.input(MASK), scales, 1);
        checked(model.output(HEATMAP), scales, 1);
        if (model.inputs().size() != 3) {
            throw new ModelFileException(model.file(), "FOPA placement model must have exactly the inputs "
                    + List.of(BACKGROUND, FOREGROUND, MASK) + "; it has " + model.inputs().values());
        }
    }

    /** A float tensor of shape [batch, channels, 256, 256]; symbolic dimensions (-1) are accepted. */
    private TensorSpec checked(TensorSpec spec, int batch, int channels) {
        long[] want = { batch, channels, FopaInputs.SIZE, FopaInputs.SIZE };
        boolean fits = spec.type().isFloat() && spec.rank() == 4;
        for (int d = 0; fits && d < 4; d++) {
            fits = spec.dim(d) == want[d] || spec.dim(d) == -1;
        }
        if (!fits) {
            throw new ModelFileException(model.file(), "'" + spec.name() + "' is " + spec.type().jsonName()
                    + Arrays.toString(spec.shape()) + "; the FOPA placement contract (place.md) needs float32 or float16 " + Arrays.toString(want)
                    + (batch == scales && scales != 1 ? " (" + scales + " = maskmill.place.scales)" : ""));
        }
        return spec;
    }

    @Override
    public String id() {
        return "onnx:" + model.file().getFileName();
    }

    @Override
    public ScoreMaps score(PlacementQuery query) {
        if (query.scales().count() != scales) {
            throw new IllegalArgumentException(id() + " scores " + scales + " scales, the query has "
                    + query.scales().count());
        }
        float[] output = run(FopaInputs.prepare(query));
        for (int i = 0; i < output.length; i++) {
            if (!Float.isFinite(output[i])) {
                throw new ModelFileException(model.file(), "output '" + HEATMAP + "' has a non-finite value ("
                        + output[i] + ") at scale " + i / (FopaInputs.SIZE * FopaInputs.SIZE) + " for "
                        + query.object().name());
            }
            output[i] = stable(output[i]);
        }
        float[][] maps = ScoreMaps.fopa(output, scales).maps();
        for (int i = 0; i < scales; i++) {
            if (!query.scales().usable()[i]) {
                maps[i] = null;
            }
        }
        return new ScoreMaps(FopaInputs.SIZE, FopaInputs.SIZE, maps);
    }

    private float[] run(FopaInputs in) {
        int side = FopaInputs.SIZE;
        OrtEnvironment env = io.maskmill.runtime.OrtEnvironments.shared();
        Feeds feeds = idleFeeds.poll();
        if (feeds == null) {
            feeds = new Feeds();
        }
        try (OnnxTensor b = feeds.background.put(in.background()).tensor(env, 1, 3, side, side);
                OnnxTensor f = feeds.foreground.put(in.foreground()).tensor(env, scales, 3, side, side);
                OnnxTensor m = feeds.mask.put(in.mask()).tensor(env, scales, 1, side, side);
                OrtSession.Result result = model.run(Map.of(BACKGROUND, b, FOREGROUND, f, MASK, m))) {
            float[] out = Tensors.floats(result.get(HEATMAP).orElseThrow(), model.file() + " output " + HEATMAP);
            if (out.length != scales * side * side) {
                throw new ModelFileException(model.file(), "output '" + HEATMAP + "' has " + out.length
                        + " values; the contract needs [" + scales + ",1," + side + "," + side + "]");
            }
            return out;
        } catch (OrtException e) {
            throw new ModelFileException(model.file(), "could not build its input tensors: " + e.getMessage(), e);
        } finally {
            idleFeeds.push(feeds);
        }
    }

    /**
     * The score rounded to 17 significant bits (relative step at most 2⁻¹⁶, far below the placer's ranking
     * jitter), so that last-bit differences between kernels (GPU reductions, other CPUs) cannot
     * reorder near-equal candidates — a sample keeps its placement, same input → same bytes. On one
     * CPU, ONNX Runtime is deterministic anyway; this only narrows what a GPU could change.
     */
    static float stable(float score) {
        int bits = Float.floatToRawIntBits(score);
        int half = 1 << (DROPPED_BITS - 1), mask = -1 << DROPPED_BITS;
        return Float.intBitsToFloat((bits + half) & mask);
    }
}
