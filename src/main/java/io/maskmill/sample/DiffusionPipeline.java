package io.maskmill.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.maskmill.imaging.RgbImage;
import io.maskmill.runtime.ModelFileException;
import io.maskmill.runtime.ModelSession;
import io.maskmill.runtime.TensorBuffer;
import io.maskmill.runtime.Tensors;
import io.maskmill.sample.noise.GaussianNoise;
import io.maskmill.sample.prepare.ModelManifest;
import io.maskmill.sample.scheduler.Guidance;
import io.maskmill.sample.scheduler.LcmScheduler;
import io.maskmill.sample.scheduler.Scheduler;
import io.maskmill.sample.scheduler.SchedulerConfig;
import io.maskmill.sample.scheduler.SchedulerConfigException;
import io.maskmill.sample.scheduler.SchedulerKind;
import io.maskmill.sample.scheduler.Schedulers;
import io.maskmill.sample.tokenizer.TokenSpan;

/**
 * Text → images + attention maps with a {@link DiffusionModel}: one text-encoder run per distinct
 * prompt, then per step one UNet run for the whole batch (one image per request, each with its own
 * prompt and seed; doubled for classifier-free guidance, unconditional half first), guidance and one
 * scheduler per image in Java, each image's class tokens' attention summed per step; at the end one
 * VAE (and, joint, one annotation-decoder) run for the batch.
 *
 * <p>Each image depends only on its prompt and seed, not on what else was in its batch: latent noise
 * and the stochastic schedulers' noise come from {@code GaussianNoise(seed)} streams 0 and 1, the text
 * encoder runs one prompt at a time, and the UNet computes each batch item on its own
 * (DiffusionPipelineTest and SampleBatchTest check the bytes).
 */
public final class DiffusionPipeline {
    /** Seed streams: 0 the initial latent, 1 the sampler's noise. */
    private static final long LATENT_STREAM = 0;
    private static final long SAMPLER_STREAM = 1;

    private final DiffusionModel model;
    private final OrtEnvironment env;

    public DiffusionPipeline(DiffusionModel model, OrtEnvironment env) {
        this.model = model;
        this.env = env;
    }

    /** The scheduler the settings ask for, or the model's own class when implemented, else DPM-Solver++(2M). */
    public SchedulerKind schedulerKind(SampleSettings settings) {
        if (settings.scheduler() != null) {
            return settings.scheduler();
        }
        try {
            return Schedulers.fromConfigFile(model.schedulerConfig()).kind();
        } catch (SchedulerConfigException e) {
            return SchedulerKind.DPM_SOLVER_PP_2M;
        }
    }

    /** Whether the UNet runs a doubled batch (unconditional + conditional). */
    public boolean usesCfg(SampleSettings settings) {
        return model.timestepCond == null && (model.manifest().conditionalHalf() || settings.guidance() > 1);
    }

    /** One image of a call: its prompt, the phrase whose tokens' attention becomes its map, its seed. */
    public record Request(String prompt, String classPhrase, long seed) {
    }

    /** Samples one image per seed for {@code prompt}; {@code classPhrase} picks the attention columns. */
    public List<GeneratedSample> generate(String prompt, String classPhrase, long[] seeds, SampleSettings settings) {
        List<Request> images = new ArrayList<>(seeds.length);
        for (long seed : seeds) {
            images.add(new Request(prompt, classPhrase, seed));
        }
        return generate(images, settings);
    }

    /** Samples one image per request, all in one UNet call per step, in the requests' order. */
    public List<GeneratedSample> generate(List<Request> images, SampleSettings settings) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no image to generate");
        }
        try {
            return run(images, settings);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + model.dir() + ": " + e.getMessage(), e);
        }
    }

    /** The text embeddings of one call: [batch, tokens, hidden], the unconditional half first under CFG. */
    record Prompts(float[] context, int tokens, TokenSpan[] spans, boolean cfg, int images) {
        int batch() {
            return cfg ? 2 * images : images;
        }
    }

    /** The per-image sampling state: each image's own scheduler, sampler noise and latent [C, h, w]. */
    record Latents(Scheduler[] schedulers, GaussianNoise[] samplerNoise, float[][] latents) {
    }

    /** What the denoising loop gathered besides the final latents. */
    record Denoised(AttentionAccumulator attention, float[][] selfSums, int selfSide, int steps) {
    }

    /** Decoded images: RGB in [0, 1], the decoder's raw [-1, 1] output, joint logits (or null). */
    record Decoded(RgbImage[] images, float[][] raw, float[][] logits) {
    }

    /** Latent diffusion sampling (Rombach et al. 2022): text → latents → denoising loop → VAE decode → attention maps. */
    private List<GeneratedSample> run(List<Request> images, SampleSettings settings) throws OrtException {
        Map<String, Double> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        Prompts prompts = encodePrompts(images, settings);
        long[] seeds = images.stream().mapToLong(Request::seed).toArray();
        timings.put("textEncoder", ms(t0));
        Latents latents = prepareLatents(seeds, settings);
        Denoised denoised = denoise(prompts, latents, settings, timings);
        long d0 = System.nanoTime();
        Decoded decoded = decode(latents.latents(), timings);
        timings.put("vaeDecode", ms(d0) - timings.getOrDefault("annotationDecode", 0.0));
        long f0 = System.nanoTime();
        List<GeneratedSample> samples = collectAttention(seeds, latents, denoised, decoded, prompts.spans(), settings, timings);
        timings.put("attentionMaps", ms(f0));
        return samples;
    }

    /**
     * Text encoder once per distinct prompt (one at a time, so an embedding never depends on the
     * batch), once for "" under classifier-free guidance (Ho &amp; Salimans 2022).
     */
    Prompts encodePrompts(List<Request> images, SampleSettings settings) throws OrtException {
        int n = images.size();
        TokenSpan[] spans = new TokenSpan[n];
        for (int i = 0; i < n; i++) {
            spans[i] = model.tokenizer().spanOf(images.get(i).prompt(), images.get(i).classPhrase());
        }
        boolean cfg = usesCfg(settings);
        Map<String, float[]> encoded = new HashMap<>();
        float[][] cond = new float[n][];
        for (int i = 0; i < n; i++) {
            cond[i] = encoded.get(images.get(i).prompt());
            if (cond[i] == null) {
                cond[i] = encode(images.get(i).prompt());
                encoded.put(images.get(i).prompt(), cond[i]);
            }
        }
        int per = cond[0].length;
        float[] uncond = cfg ? encode("") : null;
        int batch = cfg ? 2 * n : n;
        float[] context = new float[batch * per];
        for (int i = 0; i < batch; i++) {
            float[] row = !cfg ? cond[i] : i < n ? uncond : cond[i - n];
            System.arraycopy(row, 0, context, i * per, per);
        }
        return new Prompts(context, per / model.hiddenSize(), spans, cfg, n);
    }

    /**
     * One scheduler per image, planned; the initial latent is the given one (settings) or
     * {@code GaussianNoise(seed, 0)}, times the scheduler's initNoiseSigma as diffusers' prepare_latents does.
     */
    Latents prepareLatents(long[] seeds, SampleSettings settings) {
        int n = seeds.length;
        int perImage = model.manifest().latentChannels() * model.manifest().latentSize() * model.manifest().latentSize();
        float[] given = settings.initialLatent();
        if (given != null && given.length != perImage) {
            throw new IllegalArgumentException("initial latent has " + given.length + " values; this model's latent is ["
                    + model.manifest().latentChannels() + ", " + model.manifest().latentSize() + ", "
                    + model.manifest().latentSize() + "] = " + perImage);
        }
        SchedulerKind kind = schedulerKind(settings);
        SchedulerConfig config = SchedulerConfig.read(model.schedulerConfig(), kind, settings.schedulerOptions());
        Scheduler[] schedulers = new Scheduler[n];
        GaussianNoise[] samplerNoise = new GaussianNoise[n];
        float[][] latents = new float[n][];
        for (int i = 0; i < n; i++) {
            schedulers[i] = Schedulers.create(kind, config);
            schedulers[i].setTimesteps(settings.steps());
            samplerNoise[i] = new GaussianNoise(seeds[i], SAMPLER_STREAM);
            latents[i] = given != null ? given.clone() : new GaussianNoise(seeds[i], LATENT_STREAM).next(perImage);
            float sigma = (float) schedulers[i].initNoiseSigma();
            for (int j = 0; j < perImage; j++) {
                latents[i][j] *= sigma;
            }
        }
        return new Latents(schedulers, samplerNoise, latents);
    }

    /**
     * The sampling loop: per step one UNet run for the whole batch, the attention outputs added up,
     * guidance and each image's scheduler step; {@code latents} are replaced in place.
     */
    private Denoised denoise(Prompts prompts, Latents state, SampleSettings settings, Map<String, Double> timings)
            throws OrtException {
        ModelManifest m = model.manifest();
        int batch = prompts.batch();
        ModelManifest.AttentionOutput selfOut = settings.selfAttention() ? m.selfAttention() : null;
        float[] timestepCond = model.timestepCond == null ? null : repeat(LcmScheduler.timestepCond(settings.guidance()), batch);
        Loop loop = new Loop(prompts, state, settings, selfOut);
        int steps = state.schedulers()[0].steps();
        try (UnetBinding unet = new UnetBinding(model, env, batch, prompts.context(), timestepCond,
                m.conditionalHalf() ? prompts.images() : batch, selfOut != null)) {
            for (int s = 0; s < steps; s++) {
                loop.step(unet, s);
            }
        }
        timings.put("unet", loop.unetNs / 1e6);
        timings.put("stepJava", loop.javaNs / 1e6);
        return new Denoised(loop.attention, loop.selfSums, selfOut == null ? 0 : selfOut.resolution(), steps);
    }

    /** One call's loop state: the arrays made once and reused every step, and the time split. */
    private final class Loop {
        final Prompts prompts;
        final Latents state;
        final SampleSettings settings;
        final int n;
        final int perImage;
        final double[] timesteps;
        /** The conditional half's first batch item (0 when the outputs hold only it, or without CFG). */
        final int attentionFirst;
        final float[] prediction;
        final float[][] eps;
        final AttentionAccumulator attention;
        final float[][] selfSums;
        float[] selfScratch;
        long unetNs;
        long javaNs;

        Loop(Prompts prompts, Latents state, SampleSettings settings, ModelManifest.AttentionOutput selfOut) {
            this.prompts = prompts;
            this.state = state;
            this.settings = settings;
            this.n = prompts.images();
            this.perImage = state.latents()[0].length;
            this.timesteps = state.schedulers()[0].timesteps();
            this.attentionFirst = model.manifest().conditionalHalf() || !prompts.cfg() ? 0 : n;
            this.prediction = prompts.cfg() ? new float[prompts.batch() * perImage] : null;
            this.eps = new float[n][perImage];
            this.attention = new AttentionAccumulator(model.manifest().attention(), n, prompts.spans(), prompts.tokens());
            this.selfSums = selfOut == null ? null : new float[n][];
        }

        /** Scale the model input, one UNet run, add the attention, guide, and step each image's scheduler. */
        void step(UnetBinding unet, int s) {
            boolean cfg = prompts.cfg();
            float[][] latents = state.latents();
            long j0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                float[] in = state.schedulers()[i].scaleModelInput(latents[i], s);
                unet.sample.write((cfg ? n + i : i) * perImage, in, 0, perImage);
                if (cfg) {
                    unet.sample.write(i * perImage, in, 0, perImage);
                }
            }
            unet.timestep.fill((float) timesteps[s]);
            long u0 = System.nanoTime();
            unet.run();
            long u1 = System.nanoTime();
            if (cfg) {
                unet.prediction.read(0, prediction, 0, prediction.length);
            }
            for (int a = 0; a < unet.attention.length; a++) {
                attention.add(a, unet.attention[a], attentionFirst);
            }
            attention.stepDone();
            if (selfSums != null) {
                selfScratch = addSelf(selfSums, unet.selfAttention, attentionFirst, selfScratch);
            }
            for (int i = 0; i < n; i++) {
                if (cfg) {
                    Guidance.classifierFree(prediction, i * perImage, (n + i) * perImage, settings.guidance(), eps[i]);
                } else {
                    unet.prediction.read(i * perImage, eps[i], 0, perImage);
                }
                latents[i] = state.schedulers()[i].step(eps[i], s, latents[i], state.samplerNoise()[i]);
            }
            // ONNX Runtime's run counts as UNet time; everything else in the step is ours.
            unetNs += u1 - u0;
            javaNs += (u0 - j0) + (System.nanoTime() - u1);
        }
    }

    /** VAE decoder on latent / scalingFactor for the batch; joint models also decode the annotation latent. */
    Decoded decode(float[][] latents, Map<String, Double> timings) throws OrtException {
        ModelManifest m = model.manifest();
        float[] z = stack(latents, 0, m.imageLatentChannels(), (float) (1 / m.scalingFactor()));
        int size = model.imageSize();
        float[][] raw = split(runDecoder(model.vaeDecoder, z, latents.length, m.imageLatentChannels(), 3, size), latents.length);
        RgbImage[] images = new RgbImage[latents.length];
        for (int i = 0; i < latents.length; i++) {
            images[i] = toImage(raw[i], size);
        }
        float[][] logits = null;
        if (m.joint() != null) {
            long a0 = System.nanoTime();
            logits = decodeAnnotations(latents);
            timings.put("annotationDecode", ms(a0));
        }
        return new Decoded(images, raw, logits);
    }

    /** diffusers' postprocess: x/2 + 0.5 clamped to [0, 1], [3, H, W] planes to interleaved RGB. */
    private static RgbImage toImage(float[] chw, int size) {
        int plane = size * size;
        float[] px = new float[3 * plane];
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                float v = chw[c * plane + p] / 2 + 0.5f;
                px[p * 3 + c] = v < 0 ? 0 : Math.min(v, 1);
            }
        }
        return new RgbImage(size, size, px);
    }

    /** Per image: the class attention map (DiffuMask Eq. 1–2), the mean self-attention, the image itself. */
    private List<GeneratedSample> collectAttention(long[] seeds, Latents latents, Denoised denoised, Decoded decoded,
            TokenSpan[] spans, SampleSettings settings, Map<String, Double> timings) {
        List<GeneratedSample> samples = new ArrayList<>(seeds.length);
        int size = model.imageSize();
        for (int i = 0; i < seeds.length; i++) {
            float[] self = null;
            if (denoised.selfSums() != null) {
                self = denoised.selfSums()[i];
                for (int j = 0; j < self.length; j++) {
                    self[j] /= denoised.steps();
                }
            }
            samples.add(new GeneratedSample(seeds[i], decoded.images()[i],
                    denoised.attention().finish(i, size, settings.resolutionWeights()), self, denoised.selfSide(),
                    decoded.logits() == null ? null : decoded.logits()[i], spans[i], timings, latents.latents()[i],
                    decoded.raw()[i]));
        }
        return samples;
    }

    /** Text encoder output [1, 77, hidden] for {@code text}, as floats. */
    float[] encode(String text) throws OrtException {
        int[] ids = model.tokenizer().encodePadded(text);
        try (OnnxTensor t = new TensorBuffer(model.tokenIds.type()).put(ids).tensor(env, 1, ids.length);
             OrtSession.Result r = model.textEncoder.run(Map.of("input_ids", t))) {
            return Tensors.floats(r.get(model.textOutput).orElseThrow(), model.textOutput);
        }
    }

    /**
     * Adds the self-attention of batch items {@code first ..} to {@code sums}, one image at a time
     * through {@code scratch} (made on the first call, returned for the next).
     */
    private static float[] addSelf(float[][] sums, TensorBuffer probs, int first, float[] scratch) {
        int per = probs.size() / (first + sums.length);
        float[] row = scratch == null ? new float[per] : scratch;
        for (int i = 0; i < sums.length; i++) {
            if (sums[i] == null) {
                sums[i] = new float[per];
            }
            probs.read((first + i) * per, row, 0, per);
            float[] s = sums[i];
            for (int j = 0; j < per; j++) {
                s[j] += row[j];
            }
        }
        return row;
    }

    private float[][] decodeAnnotations(float[][] latents) throws OrtException {
        ModelManifest.Joint joint = model.manifest().joint();
        int first = model.manifest().imageLatentChannels();
        float[] z = stack(latents, first, joint.annotationChannels(), (float) (1 / joint.annotationScalingFactor()));
        return split(runDecoder(model.annotationDecoder, z, latents.length, joint.annotationChannels(),
                joint.classes().size() + 1, model.imageSize()), latents.length);
    }

    private static float[][] split(float[] all, int n) {
        int per = all.length / n;
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(all, i * per, (i + 1) * per);
        }
        return out;
    }

    /** Channels {@code [first, first+count)} of every latent, times {@code scale}, as one [n, count, h, w] batch. */
    private float[] stack(float[][] latents, int first, int count, float scale) {
        int plane = model.manifest().latentSize() * model.manifest().latentSize();
        float[] z = new float[latents.length * count * plane];
        for (int i = 0; i < latents.length; i++) {
            for (int j = 0; j < count * plane; j++) {
                z[i * count * plane + j] = latents[i][first * plane + j] * scale;
            }
        }
        return z;
    }

    /** Runs a decoder on [n, channels, side, side]; its output must be [n, outChannels, size, size]. */
    private float[] runDecoder(ModelSession decoder, float[] z, int n, int channels, int outChannels, int size)
            throws OrtException {
        String input = decoder.inputs().keySet().iterator().next();
        int side = model.manifest().latentSize();
        try (OnnxTensor t = new TensorBuffer(decoder.input(input).type()).put(z).tensor(env, n, channels, side, side);
             OrtSession.Result r = decoder.run(Map.of(input, t))) {
            long[] shape = ((ai.onnxruntime.TensorInfo) r.get(0).getInfo()).getShape();
            long[] expected = { n, outChannels, size, size };
            if (!Arrays.equals(shape, expected)) {
                throw new ModelFileException(decoder.file(), "output for a " + Arrays.toString(new long[] { n, channels, side, side })
                        + " latent: expected " + Arrays.toString(expected) + " (image size " + size + " = latent " + side
                        + " × vaeScaleFactor " + model.manifest().vaeScaleFactor() + " in maskmill-model.json), found "
                        + Arrays.toString(shape));
            }
            return Tensors.floats(r.get(0), decoder.file() + " output");
        }
    }

    private static float[] repeat(float[] row, int times) {
        float[] out = new float[row.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(row, 0, out, i * row.length, row.length);
        }
        return out;
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
