package io.maskmill.sample;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.maskmill.events.InvalidInputException;
import io.maskmill.events.SampleGenerated;
import io.maskmill.events.SampleHeader;
import io.maskmill.events.SampleRequested;
import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.FloatMaps;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.RgbImage;
import io.maskmill.runtime.ModelFileException;
import io.maskmill.runtime.OnnxRuntime;
import io.maskmill.sample.prepare.ModelManifest;
import io.maskmill.sample.scheduler.SchedulerKind;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.KeyPolicy;
import io.maskmill.store.StageMarkers;

/**
 * The sample stage: a {@link SampleRequested} in, the image and its attention artifacts in the store,
 * a {@link SampleGenerated} out. Job params {@code models}, {@code steps}, {@code guidance},
 * {@code scheduler} override the configured defaults.
 */
public final class SampleService {
    public static final String STAGE = "sample";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** Defaults from configuration; null fields fall back to the model's. */
    public record Defaults(String models, Integer steps, Double guidance, SchedulerKind scheduler,
            Map<Integer, Double> resolutionWeights, boolean selfAttention) {
    }

    private final ArtifactStore store;
    private final OnnxRuntime runtime;
    private final ModelLocator locator;
    private final Defaults defaults;
    private final BatchSize batchSize;
    private final Map<Path, DiffusionModel> models = new ConcurrentHashMap<>();

    public SampleService(ArtifactStore store, OnnxRuntime runtime, ModelLocator locator, Defaults defaults,
            BatchSize batchSize) {
        this.batchSize = batchSize;
        this.store = store;
        this.runtime = runtime;
        this.locator = locator;
        this.defaults = defaults;
    }

    /** Locates and loads the configured default model (readiness: is this instance's model usable?). */
    public String loadDefaultModel() {
        Path dir = locator.locate(defaults.models());
        models.computeIfAbsent(dir, d -> DiffusionModel.load(d, runtime));
        return dir.toString();
    }

    /** One sample: its artifacts written, its event returned; bad input of its own is thrown. */
    public SampleGenerated sample(SampleRequested request) {
        Result result = sample(List.of(request)).get(0);
        if (result.failure() != null) {
            throw result.failure();
        }
        return result.generated();
    }

    /**
     * What became of one request of a batch: its event, or the bad input of its own (a prompt that
     * does not name its class) that kept it out of the batch.
     */
    public record Result(SampleRequested request, SampleGenerated generated, InvalidInputException failure) {
    }

    /**
     * Requests of one setting (their params are the first's: a batch is one job's), generated in UNet
     * calls of at most {@link BatchSize} images, each written as if alone. A request whose prompt is
     * bad input fails on its own; the others go on. What concerns them all (the model, the settings,
     * ONNX Runtime, the store) is thrown.
     */
    public List<Result> sample(List<SampleRequested> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        Map<String, String> params = requests.get(0).params();
        String location = params.getOrDefault("models", defaults.models());
        DiffusionModel model;
        try {
            model = models.computeIfAbsent(locator.locate(location), dir -> DiffusionModel.load(dir, runtime));
        } catch (ModelFileException | IllegalArgumentException e) {
            if (params.containsKey("models")) {
                throw new InvalidInputException("models '" + location + "': " + e.getMessage(), e);
            }
            throw e;
        }
        SampleSettings settings = settings(params, model.manifest());
        DiffusionPipeline pipeline = new DiffusionPipeline(model, runtime.env());
        Result[] results = new Result[requests.size()];
        List<Integer> runnable = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            SampleRequested r = requests.get(i);
            try {
                model.tokenizer().spanOf(r.prompt(), r.sample().className());
                runnable.add(i);
            } catch (IllegalArgumentException e) {
                results[i] = new Result(r, null, new InvalidInputException(e.getMessage(), e));
            }
        }
        int size = batchSize.get();
        for (int from = 0; from < runnable.size(); from += size) {
            List<Integer> call = runnable.subList(from, Math.min(from + size, runnable.size()));
            List<DiffusionPipeline.Request> images = new ArrayList<>(call.size());
            for (int i : call) {
                SampleRequested r = requests.get(i);
                images.add(new DiffusionPipeline.Request(r.prompt(), r.sample().className(), r.seed()));
            }
            List<GeneratedSample> generated;
            try {
                generated = pipeline.generate(images, settings);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage(), e);
            }
            for (int k = 0; k < call.size(); k++) {
                SampleRequested r = requests.get(call.get(k));
                results[call.get(k)] = new Result(r, write(r, model, settings, pipeline, generated.get(k)), null);
            }
        }
        return List.of(results);
    }

    /** The sample's artifacts, then its marker (last: its presence means the rest is complete). */
    private SampleGenerated write(SampleRequested request, DiffusionModel model, SampleSettings settings,
            DiffusionPipeline pipeline, GeneratedSample s) {
        SampleHeader header = request.sample();
        long w0 = System.nanoTime();
        Map<String, String> artifacts = new LinkedHashMap<>();
        artifacts.put("image", put(header, "image.png", Images.writePng(s.image()), "image/png"));
        artifacts.put("attention", put(header, "attention.bin", FloatMaps.write(s.attention()), "application/octet-stream"));
        put(header, "attention.png", Images.writePng(preview(s.attention())), "image/png");
        if (s.selfAttention() != null) {
            artifacts.put("selfAttention", put(header, "self_attention.bin",
                    // N×N for the N = side² pixels of its resolution: row i is query pixel i over the keys
                    FloatMaps.write(new FloatMaps.Planes(s.selfSide() * s.selfSide(), s.selfSide() * s.selfSide(), 1,
                            s.selfAttention())),
                    "application/octet-stream"));
        }
        if (s.logits() != null) {
            float[] logits = toJobClasses(s.logits(), model.manifest().joint(), header.classes());
            int size = model.imageSize();
            artifacts.put("logits", put(header, "logits.bin",
                    FloatMaps.write(new FloatMaps.Planes(size, size, header.classes().size() + 1, logits)), "application/octet-stream"));
        }
        SchedulerKind kind = pipeline.schedulerKind(settings);
        Map<String, String> outParams = new LinkedHashMap<>();
        outParams.put("seed", Long.toString(request.seed()));
        outParams.put("model", model.manifest().modelId());
        outParams.put("steps", Integer.toString(settings.steps()));
        outParams.put("guidance", Double.toString(settings.guidance()));
        outParams.put("scheduler", kind.name().toLowerCase(Locale.ROOT));
        outParams.put("tokenSpan", s.span().start() + ":" + s.span().end());
        Map<String, Object> timings = new LinkedHashMap<>(s.timingsMs());
        timings.put("write", (System.nanoTime() - w0) / 1e6);
        artifacts.put("meta", put(header, "meta.json", json(meta(request, model, settings, kind, s, timings)), "application/json"));
        SampleGenerated out = new SampleGenerated(header, artifacts, outParams);
        new StageMarkers(store, JSON).finished(header, STAGE, out);
        return out;
    }

    private SampleSettings settings(Map<String, String> params, ModelManifest manifest) {
        try {
            int steps = params.containsKey("steps") ? Integer.parseInt(params.get("steps"))
                    : defaults.steps() != null ? defaults.steps() : manifest.defaultSteps();
            double guidance = params.containsKey("guidance") ? Double.parseDouble(params.get("guidance"))
                    : defaults.guidance() != null ? defaults.guidance() : manifest.defaultGuidance();
            SchedulerKind scheduler = params.containsKey("scheduler") ? schedulerKind(params.get("scheduler")) : defaults.scheduler();
            return new SampleSettings(steps, guidance, scheduler, defaults.resolutionWeights(), defaults.selfAttention(),
                    params.containsKey("initLatent") ? readLatent(store, params.get("initLatent")) : null,
                    params.containsKey("schedulerOptions") ? schedulerOptions(params.get("schedulerOptions")) : Map.of());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("sample params " + params + ": " + e.getMessage(), e);
        }
    }

    /**
     * Job param {@code initLatent}: a raw little-endian float32 latent [C, h, w] to start from instead
     * of the seed's noise (diffusers' {@code latents=}), named by its key in the artifact store or an
     * artifact URI of the store. Never a path on the server: a job request must not read its files.
     */
    static float[] readLatent(ArtifactStore store, String location) {
        byte[] raw = location.contains(":") ? store.get(URI.create(location)) : store.get(KeyPolicy.validate(location));
        if (raw.length % 4 != 0) {
            throw new IllegalArgumentException("initLatent " + location + ": expected raw float32 values, found "
                    + raw.length + " bytes (not a multiple of 4)");
        }
        float[] latent = new float[raw.length / 4];
        java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(latent);
        return latent;
    }

    /** Job param {@code schedulerOptions}: a JSON object of scheduler config keys, e.g. {"clip_sample": false}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> schedulerOptions(String json) {
        try {
            return new ObjectMapper().readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("schedulerOptions must be a JSON object of scheduler config keys, got '"
                    + json + "'");
        }
    }

    public static SchedulerKind schedulerKind(String name) {
        try {
            return SchedulerKind.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scheduler '" + name + "'; known: "
                    + java.util.Arrays.toString(SchedulerKind.values()).toLowerCase(Locale.ROOT));
        }
    }

    /** Joint logits in the job's class order: channel 0 background, channel i the job's class i (1-based). */
    static float[] toJobClasses(float[] logits, ModelManifest.Joint joint, List<String> jobClasses) {
        int plane = logits.length / (joint.classes().size() + 1);
        float[] out = new float[(jobClasses.size() + 1) * plane];
        System.arraycopy(logits, 0, out, 0, plane);
        for (int i = 0; i < jobClasses.size(); i++) {
            int channel = joint.classes().indexOf(jobClasses.get(i)) + 1;
            if (channel == 0) {
                throw new InvalidInputException("the joint model's annotation decoder knows " + joint.classes()
                        + "; the job's class '" + jobClasses.get(i) + "' is not among them");
            }
            System.arraycopy(logits, channel * plane, out, (i + 1) * plane, plane);
        }
        return out;
    }

    private Map<String, Object> meta(SampleRequested request, DiffusionModel model, SampleSettings settings,
            SchedulerKind kind, GeneratedSample s, Map<String, Object> timings) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("prompt", request.prompt());
        meta.put("class", request.sample().className());
        meta.put("tokenSpan", List.of(s.span().start(), s.span().end()));
        meta.put("seed", request.seed());
        meta.put("steps", settings.steps());
        meta.put("scheduler", kind.name().toLowerCase(Locale.ROOT));
        meta.put("guidance", settings.guidance());
        meta.put("model", model.manifest().modelId());
        meta.put("imageSize", model.imageSize());
        meta.put("attentionResolutions", model.manifest().attention().stream().map(ModelManifest.AttentionOutput::resolution).toList());
        meta.put("resolutionWeights", settings.resolutionWeights());
        meta.put("provider", runtime.activeProvider());
        meta.put("timingsMs", timings);
        return meta;
    }

    /** The map as a grey image (white = 1). */
    static RgbImage preview(FloatMap map) {
        float[] v = map.values();
        float[] px = new float[v.length * 3];
        for (int i = 0; i < v.length; i++) {
            px[3 * i] = px[3 * i + 1] = px[3 * i + 2] = v[i];
        }
        return new RgbImage(map.width(), map.height(), px);
    }

    private String put(SampleHeader h, String name, byte[] bytes, String type) {
        URI uri = store.put(ArtifactKeys.stage(h.jobId(), h.sampleId(), STAGE, name), bytes, type);
        return uri.toString();
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
