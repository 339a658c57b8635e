package io.maskmill.sample.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The training noise schedule and sampler options, as in a diffusers {@code scheduler_config.json}.
 * Keys absent from a file take the defaults of the scheduler class being built, as diffusers'
 * {@code from_config} does; keys that would change the math in ways not implemented are rejected.
 *
 * @param trainedBetas explicit betas (overrides the schedule) or null
 * @param lowerOrderFinal DPM-Solver++: first-order last step(s) for plans under 15 steps
 * @param eulerAtFinal DPM-Solver++: always a first-order last step
 * @param finalSigmaZero DPM-Solver++: last sigma 0 ({@code final_sigmas_type=zero}) or sigma_min
 */
public record SchedulerConfig(int numTrainTimesteps, double betaStart, double betaEnd, BetaSchedule betaSchedule,
                              double[] trainedBetas, PredictionType predictionType, TimestepSpacing timestepSpacing,
                              int stepsOffset, boolean setAlphaToOne, boolean clipSample, double clipSampleRange,
                              int originalInferenceSteps, double timestepScaling, boolean lowerOrderFinal,
                              boolean eulerAtFinal, boolean finalSigmaZero) {

    /** Stable Diffusion 1.x/2.x-base {@code scheduler_config.json} (the keys it sets; the rest class defaults). */
    static final String STABLE_DIFFUSION_JSON = "{\"beta_start\": 0.00085, \"beta_end\": 0.012,"
            + " \"beta_schedule\": \"scaled_linear\", \"num_train_timesteps\": 1000, \"steps_offset\": 1,"
            + " \"set_alpha_to_one\": false, \"clip_sample\": false}";

    public SchedulerConfig {
        if (numTrainTimesteps < 1) {
            throw new SchedulerConfigException("num_train_timesteps must be >= 1, got " + numTrainTimesteps);
        }
        if (trainedBetas == null && !(betaStart > 0 && betaEnd > 0 && betaStart < 1 && betaEnd < 1)) {
            throw new SchedulerConfigException("beta_start and beta_end must lie in (0, 1), got " + betaStart + ", " + betaEnd);
        }
        if (trainedBetas != null && trainedBetas.length != numTrainTimesteps) {
            throw new SchedulerConfigException("trained_betas has " + trainedBetas.length + " values, num_train_timesteps is "
                    + numTrainTimesteps);
        }
        if (stepsOffset < 0 || originalInferenceSteps < 1 || !(clipSampleRange > 0) || !(timestepScaling > 0)) {
            throw new SchedulerConfigException("need steps_offset >= 0, original_inference_steps >= 1,"
                    + " clip_sample_range > 0, timestep_scaling > 0");
        }
    }

    /** The class defaults of {@code kind} overlaid with Stable Diffusion's training schedule. */
    public static SchedulerConfig stableDiffusion(SchedulerKind kind) {
        return parse(STABLE_DIFFUSION_JSON, kind, "stable-diffusion defaults");
    }

    /** Reads a diffusers {@code scheduler_config.json}, building {@code kind} (its own class if null). */
    public static SchedulerConfig read(Path file, SchedulerKind kind) {
        return fromJson(readJson(file), kind, file.toString());
    }

    /**
     * As {@link #read(Path, SchedulerKind)} with {@code overrides} replacing the file's keys, as diffusers'
     * {@code Cls.from_config(config, **overrides)} does (e.g. {@code clip_sample=false} for DDIM).
     */
    public static SchedulerConfig read(Path file, SchedulerKind kind, java.util.Map<String, Object> overrides) {
        JsonNode json = readJson(file);
        if (overrides != null && !overrides.isEmpty() && json instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            ObjectMapper mapper = new ObjectMapper();
            overrides.forEach((k, v) -> o.set(k, mapper.valueToTree(v)));
        }
        return fromJson(json, kind, file + (overrides == null || overrides.isEmpty() ? "" : " with " + overrides));
    }

    static JsonNode readJson(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new SchedulerConfigException("cannot read scheduler config " + file + ": " + e.getMessage(), e);
        }
    }

    /** The kind a config's {@code _class_name} names. */
    static SchedulerKind kindOf(JsonNode json, String source) {
        JsonNode name = json == null ? null : json.get("_class_name");
        if (name == null || !name.isTextual()) {
            throw new SchedulerConfigException(source + ": missing _class_name; name the scheduler kind explicitly");
        }
        return SchedulerKind.ofDiffusersClass(name.asText(), source);
    }

    public static SchedulerConfig parse(String json, SchedulerKind kind, String source) {
        try {
            return fromJson(new ObjectMapper().readTree(json), kind, source);
        } catch (IOException e) {
            throw new SchedulerConfigException(source + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Builds the config from parsed JSON; {@code kind} null means the file's own {@code _class_name}. */
    public static SchedulerConfig fromJson(JsonNode json, SchedulerKind kind, String source) {
        if (json == null || !json.isObject()) {
            throw new SchedulerConfigException(source + ": expected a JSON object");
        }
        Keys keys = new Keys(json, source);
        SchedulerKind k = kind != null ? kind : kindOf(json, source);
        keys.requireFlag("thresholding", false);
        keys.requireFlag("rescale_betas_zero_snr", false);
        keys.requireFlag("use_karras_sigmas", false);
        keys.requireFlag("use_exponential_sigmas", false);
        keys.requireFlag("use_beta_sigmas", false);
        keys.requireText("interpolation_type", "linear");
        keys.requireText("timestep_type", "discrete");
        if (k == SchedulerKind.DPM_SOLVER_PP_2M) {
            keys.requireInt("solver_order", 2);
            keys.requireText("algorithm_type", "dpmsolver++");
            keys.requireText("solver_type", "midpoint");
        }
        boolean lcm = k == SchedulerKind.LCM;
        String finalSigmas = keys.text("final_sigmas_type", writtenBefore(json, 0, 26) ? "sigma_min" : "zero");
        if (!finalSigmas.equals("zero") && !finalSigmas.equals("sigma_min")) {
            throw new SchedulerConfigException(source + ": final_sigmas_type '" + finalSigmas + "' not supported (zero, sigma_min)");
        }
        return new SchedulerConfig(
                keys.integer("num_train_timesteps", 1000),
                keys.number("beta_start", lcm ? 0.00085 : 0.0001),
                keys.number("beta_end", lcm ? 0.012 : 0.02),
                BetaSchedule.ofConfigName(keys.text("beta_schedule", lcm ? "scaled_linear" : "linear"), source),
                keys.numbers("trained_betas"),
                PredictionType.ofConfigName(keys.text("prediction_type", "epsilon"), source),
                TimestepSpacing.ofConfigName(keys.text("timestep_spacing", k.defaultSpacing.configName), source),
                keys.integer("steps_offset", 0),
                keys.flag("set_alpha_to_one", k.defaultSetAlphaToOne),
                keys.flag("clip_sample", k.defaultClipSample),
                keys.number("clip_sample_range", 1.0),
                keys.integer("original_inference_steps", 50),
                keys.number("timestep_scaling", 10.0),
                keys.flag("lower_order_final", true),
                keys.flag("euler_at_final", false),
                finalSigmas.equals("zero"));
    }

    /**
     * Whether the config was saved by diffusers older than {@code major.minor}. DPM-Solver's
     * {@code final_sigmas_type} came in 0.26 with the default "zero"; before it the last step went to
     * timestep 0 (alpha_bar[0]), which is "sigma_min" — so a config from then is read as its diffusers
     * read it (checked against diffusers 0.19.3 in ReferenceParityTest).
     */
    static boolean writtenBefore(JsonNode json, int major, int minor) {
        JsonNode v = json.get("_diffusers_version");
        if (v == null || !v.isTextual()) {
            return false;
        }
        String[] parts = v.asText().split("\\.");
        try {
            int ma = Integer.parseInt(parts[0]);
            int mi = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
            return ma < major || (ma == major && mi < minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public SchedulerConfig withPredictionType(PredictionType type) {
        return new SchedulerConfig(numTrainTimesteps, betaStart, betaEnd, betaSchedule, trainedBetas, type, timestepSpacing,
                stepsOffset, setAlphaToOne, clipSample, clipSampleRange, originalInferenceSteps, timestepScaling,
                lowerOrderFinal, eulerAtFinal, finalSigmaZero);
    }

    public SchedulerConfig withTimestepSpacing(TimestepSpacing spacing) {
        return new SchedulerConfig(numTrainTimesteps, betaStart, betaEnd, betaSchedule, trainedBetas, predictionType, spacing,
                stepsOffset, setAlphaToOne, clipSample, clipSampleRange, originalInferenceSteps, timestepScaling,
                lowerOrderFinal, eulerAtFinal, finalSigmaZero);
    }

    /** alpha_bar for every training timestep 0..num_train_timesteps−1. */
    public double[] alphasCumprod() {
        double[] betas = trainedBetas != null ? trainedBetas.clone() : betaSchedule.betas(numTrainTimesteps, betaStart, betaEnd);
        for (int i = 0; i < betas.length; i++) {
            if (!(betas[i] > 0 && betas[i] < 1)) {
                throw new SchedulerConfigException("beta[" + i + "] = " + betas[i] + " outside (0, 1)");
            }
        }
        return BetaSchedule.alphasCumprod(betas);
    }

    /** Typed access to optional JSON keys with messages naming source and key. */
    private record Keys(JsonNode json, String source) {
        private JsonNode present(String key) {
            JsonNode v = json.get(key);
            return v == null || v.isNull() ? null : v;
        }

        String text(String key, String fallback) {
            JsonNode v = present(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isTextual()) {
                throw new SchedulerConfigException(source + ": " + key + " must be a string, got " + v);
            }
            return v.asText();
        }

        double number(String key, double fallback) {
            JsonNode v = present(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isNumber()) {
                throw new SchedulerConfigException(source + ": " + key + " must be a number, got " + v);
            }
            return v.asDouble();
        }

        int integer(String key, int fallback) {
            JsonNode v = present(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new SchedulerConfigException(source + ": " + key + " must be an integer, got " + v);
            }
            return v.asInt();
        }

        boolean flag(String key, boolean fallback) {
            JsonNode v = present(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isBoolean()) {
                throw new SchedulerConfigException(source + ": " + key + " must be true or false, got " + v);
            }
            return v.asBoolean();
        }

        double[] numbers(String key) {
            JsonNode v = present(key);
            if (v == null) {
                return null;
            }
            if (!v.isArray()) {
                throw new SchedulerConfigException(source + ": " + key + " must be an array of numbers, got " + v.getNodeType());
            }
            double[] out = new double[v.size()];
            for (int i = 0; i < out.length; i++) {
                if (!v.get(i).isNumber()) {
                    throw new SchedulerConfigException(source + ": " + key + "[" + i + "] is not a number: " + v.get(i));
                }
                out[i] = v.get(i).asDouble();
            }
            return out;
        }

        void requireFlag(String key, boolean supported) {
            if (flag(key, supported) != supported) {
                throw unsupported(key, String.valueOf(!supported));
            }
        }

        void requireText(String key, String supported) {
            String value = text(key, supported);
            if (!value.equals(supported)) {
                throw unsupported(key, value);
            }
        }

        void requireInt(String key, int supported) {
            int value = integer(key, supported);
            if (value != supported) {
                throw unsupported(key, String.valueOf(value));
            }
        }

        private SchedulerConfigException unsupported(String key, String value) {
            return new SchedulerConfigException(source + ": " + key + "=" + value + " is not implemented");
        }
    }
}
