package io.maskmill.sample.model;

import java.util.Locale;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;

/**
 * The tiny model families, each with the input signature of a real export family so the pipeline's
 * detection is exercised: timestep int32 / int64 / float32 / float16, scalar or per-batch; fp16 or
 * fp32 weights; epsilon or v prediction; LCM's {@code timestep_cond}; the joint image+annotation UNet.
 */
public enum TinyVariant {
    /** SD 1.x: int32 token ids, float32 timestep [batch], epsilon, heads folded into the batch (baddbmm export). */
    SD1(64, DataType.INT32, DataType.FLOAT, 1, false, "epsilon", false, false, true, "<|endoftext|>"),
    /** SD 2.x v-prediction: int64 ids, int64 timestep [batch], hidden 96, pads with "!". */
    SD2_V(96, DataType.INT64, DataType.INT64, 1, false, "v_prediction", false, false, false, "!"),
    /** SD-Turbo: fp16 weights and inputs, float16 timestep, one step, no CFG. */
    TURBO(96, DataType.INT32, DataType.FLOAT16, 1, true, "epsilon", false, false, false, "!"),
    /** LCM: int32 timestep plus the guidance embedding input {@code timestep_cond}. */
    LCM(64, DataType.INT32, DataType.INT32, 1, false, "epsilon", true, false, false, "<|endoftext|>"),
    /** JoDiffusion-style: 4 image + 4 annotation latent channels, an annotation decoder; scalar int64 timestep. */
    JOINT(64, DataType.INT32, DataType.INT64, 0, false, "epsilon", false, true, false, "<|endoftext|>");

    final int hidden;
    final DataType tokenType;
    final DataType timestepType;
    final int timestepRank;
    final boolean fp16;
    final String prediction;
    final boolean lcm;
    final boolean joint;
    final boolean headsInBatch;
    final String padToken;

    TinyVariant(int hidden, DataType tokenType, DataType timestepType, int timestepRank, boolean fp16,
            String prediction, boolean lcm, boolean joint, boolean headsInBatch, String padToken) {
        this.hidden = hidden;
        this.tokenType = tokenType;
        this.timestepType = timestepType;
        this.timestepRank = timestepRank;
        this.fp16 = fp16;
        this.prediction = prediction;
        this.lcm = lcm;
        this.joint = joint;
        this.headsInBatch = headsInBatch;
        this.padToken = padToken;
    }

    public int latentChannels() {
        return joint ? 8 : 4;
    }

    public boolean usesClassifierFreeGuidance() {
        return !lcm && this != TURBO;
    }

    /** Folder name: {@code tiny-sd1}, {@code tiny-sd2-v}, ... */
    public String folderName() {
        return "tiny-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The diffusers scheduler_config.json the family ships with. */
    String schedulerConfig() {
        String common = "\"num_train_timesteps\": 1000, \"beta_start\": 0.00085, \"beta_end\": 0.012, "
                + "\"beta_schedule\": \"scaled_linear\", \"prediction_type\": \"" + prediction + "\"";
        return switch (this) {
            case SD1, JOINT -> "{\"_class_name\": \"PNDMScheduler\", " + common
                    + ", \"set_alpha_to_one\": false, \"skip_prk_steps\": true, \"steps_offset\": 1}";
            case SD2_V -> "{\"_class_name\": \"EulerDiscreteScheduler\", " + common + ", \"steps_offset\": 1}";
            case TURBO -> "{\"_class_name\": \"EulerDiscreteScheduler\", " + common
                    + ", \"timestep_spacing\": \"trailing\"}";
            case LCM -> "{\"_class_name\": \"LCMScheduler\", " + common
                    + ", \"original_inference_steps\": 50, \"set_alpha_to_one\": true}";
        };
    }
}
