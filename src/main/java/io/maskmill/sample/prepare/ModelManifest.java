package io.maskmill.sample.prepare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.maskmill.runtime.ModelFileException;

/**
 * {@code maskmill-model.json}: what {@code prepare} made of a model folder, read by the sample stage.
 *
 * @param format             1
 * @param modelId            a name for the model (folder name unless given)
 * @param latentSize         latent side at the native resolution (64 for 512² SD 1.x)
 * @param latentChannels     UNet sample channels (image + annotation in joint mode)
 * @param imageLatentChannels channels the VAE decoder takes (4)
 * @param vaeScaleFactor     image pixels per latent pixel (8)
 * @param scalingFactor      VAE latent scaling (0.18215 SD 1.x/2.x, 0.13025 SDXL-class); decode(latent / it)
 * @param attentionBatch     {@code conditional-half}: attention outputs hold only the second half of the
 *                           UNet batch (the conditional half of a CFG batch); {@code all}: every batch item
 * @param attention          cross-attention outputs, [batch, side², tokens] float32
 * @param selfAttention      the self-attention output [batch, side², side²], or null
 * @param unetInputs         UNet input name → element type (float32, float16, int32, int64)
 * @param joint              joint image+annotation mode, or null
 * @param defaultSteps       steps when neither config nor job says (20; 4 for LCM, 1 for SD-Turbo)
 * @param defaultGuidance    guidance scale when neither config nor job says (7.5; 0 = no CFG)
 * @param hiddenSize         text hidden size the UNet's encoder_hidden_states takes (0: read from the session)
 * @param derivedFrom        value → "value (where prepare read it)"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelManifest(int format, String modelId, int latentSize, int latentChannels, int imageLatentChannels,
        int vaeScaleFactor, double scalingFactor, String attentionBatch, List<AttentionOutput> attention,
        AttentionOutput selfAttention, Map<String, String> unetInputs, Joint joint, int defaultSteps,
        double defaultGuidance, int hiddenSize, Map<String, String> derivedFrom) {

    public static final String FILE = "maskmill-model.json";
    public static final String CONDITIONAL_HALF = "conditional-half";
    public static final String ALL = "all";

    /** One added UNet output: its name, resolution side and how many layers it averages. */
    public record AttentionOutput(String output, int resolution, int layers, String dtype) {
    }

    /**
     * @param annotationChannels latent channels after the image's (sample[:, imageLatentChannels:])
     * @param decoder            annotation decoder path relative to the folder: latent → [B, C+1, H, W] logits
     * @param annotationScalingFactor the annotation latent is divided by it before decoding
     * @param classes            class names of logit channels 1..C (channel 0 is background)
     */
    public record Joint(int annotationChannels, String decoder, double annotationScalingFactor, List<String> classes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public boolean conditionalHalf() {
        return CONDITIONAL_HALF.equals(attentionBatch);
    }

    public void write(Path dir) throws IOException {
        io.maskmill.runtime.graph.OnnxFiles.writeAtomically(JSON.writeValueAsBytes(this), dir.resolve(FILE));
    }

    public static ModelManifest read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, "missing: the model folder has not been prepared "
                    + "(run: maskmill prepare --model <diffusers-onnx-folder> --out <folder>)");
        }
        try {
            ModelManifest m = JSON.readValue(file.toFile(), ModelManifest.class);
            if (m.format != 1 || m.attention == null || m.attention.isEmpty() || m.latentSize < 1
                    || m.latentChannels < 1 || !(m.scalingFactor > 0) || m.defaultSteps < 1 || m.vaeScaleFactor < 1) {
                throw new ModelFileException(file, "incomplete: needs format 1, latentSize, latentChannels, vaeScaleFactor, "
                        + "scalingFactor, defaultSteps and at least one attention output");
            }
            return m;
        } catch (IOException e) {
            throw new ModelFileException(file, "is not valid JSON: " + e.getMessage(), e);
        }
    }
}
