package io.maskmill.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.maskmill.imaging.RgbImage;
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
 * Text → images + attention maps with a {@link DiffusionModel}: one text-encoder run, then per step
 * one UNet run for the whole batch (several seeds; doubled for classifier-free guidance, unconditional
 * half first), guidance and one scheduler per image in Java, the class tokens' attention summed per
 * step; at the end one VAE (and, joint, one annotation-decoder) run for the batch.
 *
 * <p>Each image depends only on its seed, not on what else was in its batch: latent noise and the
 * stochastic schedulers' noise come from {@code GaussianNoise(seed)} streams 0 and 1.
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

    /** Samples one image per seed for {@code prompt}; {@code classPhrase} picks the attention columns. */
    public List<GeneratedSample> generate(String prompt, String classPhrase, long[] seeds, SampleSettings settings) {
        try {
            return run(prompt, classPhrase, seeds, settings);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + model.dir() + ": " + e.getMessage(), e);
        }
    }

    private List<GeneratedSample> run(String prompt, String classPhrase, long[] seeds, SampleSettings settings)
            throws OrtException {
        ModelManifest m = model.manifest();
        int n = seeds.length;
        boolean cfg = usesCfg(settings);
        int batch = cfg ? 2 * n : n;
        int channels = m.latentChannels();
        int side = m.latentSize();
        int perImage = channels * side * side;
        TokenSpan span = model.tokenizer().spanOf(prompt, classPhrase);
        Map<String, Double> timings = new LinkedHashMap<>();

        long t0 = System.nanoTime();
        float[] cond = encode(prompt);
        float[] uncond = cfg ? encode("") : null;
        int ctxPerItem = cond.length;
        float[] context = new float[batch * ctxPerItem];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(cfg && i < n ? uncond : cond, 0, context, i * ctxPerItem, ctxPerItem);
        }
        timings.put("textEncoder", ms(t0));

        SchedulerKind kind = schedulerKind(settings);
        SchedulerConfig config = SchedulerConfig.read(model.schedulerConfig(), kind);
        Scheduler[] schedulers = new Scheduler[n];
        GaussianNoise[] samplerNoise = new GaussianNoise[n];
        float[][] latents = new float[n][];
        for (int i = 0; i < n; i++) {
            schedulers[i] = Schedulers.create(kind, config);
            schedulers[i].setTimesteps(settings.steps());
            samplerNoise[i] = new GaussianNoise(seeds[i], SAMPLER_STREAM);
            latents[i] = new GaussianNoise(seeds[i], LATENT_STREAM).next(perImage);
            float sigma = (float) schedulers[i].initNoiseSigma();
            for (int j = 0; j < perImage; j++) {
                latents[i][j] *= sigma;
            }
        }
        double[] timesteps = schedulers[0].timesteps();
        int steps = schedulers[0].steps();

        ModelManifest.AttentionOutput selfOut = settings.selfAttention() ? m.selfAttention() : null;
        float[][] selfSums = selfOut == null ? null : new float[n][];
        int attentionFirst = m.conditionalHalf() || !cfg ? 0 : n;
        int attentionBatch = m.conditionalHalf() ? n : batch;
        float[] timestepCond = model.timestepCond == null ? null : repeat(LcmScheduler.timestepCond(settings.guidance()), batch);
        // Arrays made once per call and reused every step.
        float[] prediction = cfg ? new float[batch * perImage] : null;
        float[][] eps = new float[n][perImage];
        float[] selfProbs = null;
        long unetNs = 0;
        long javaNs = 0;
        AttentionAccumulator attention = new AttentionAccumulator(m.attention(), n, span, ctxPerItem / model.hiddenSize());
        try (UnetBinding unet = new UnetBinding(model, env, batch, context, timestepCond, attentionBatch, selfOut != null)) {
            for (int s = 0; s < steps; s++) {
                long j0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    float[] in = schedulers[i].scaleModelInput(latents[i], s);
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
                for (int a = 0; a < m.attention().size(); a++) {
                    attention.add(a, unet.attention[a], attentionFirst);
                }
                attention.stepDone();
                if (selfOut != null) {
                    selfProbs = addSelf(selfSums, unet.selfAttention, attentionFirst, selfProbs);
                }
                for (int i = 0; i < n; i++) {
                    if (cfg) {
                        Guidance.classifierFree(prediction, i * perImage, (n + i) * perImage, settings.guidance(), eps[i]);
                    } else {
                        unet.prediction.read(i * perImage, eps[i], 0, perImage);
                    }
                    latents[i] = schedulers[i].step(eps[i], s, latents[i], samplerNoise[i]);
                }
                // ONNX Runtime's run counts as UNet time; everything else in the step is ours.
                unetNs += u1 - u0;
                javaNs += (u0 - j0) + (System.nanoTime() - u1);
            }
        }
        timings.put("unet", unetNs / 1e6);
        timings.put("stepJava", javaNs / 1e6);

        long d0 = System.nanoTime();
        RgbImage[] images = decodeImages(latents);
        timings.put("vaeDecode", ms(d0));
        float[][] logits = null;
        if (m.joint() != null) {
            long a0 = System.nanoTime();
            logits = decodeAnnotations(latents);
            timings.put("annotationDecode", ms(a0));
        }
        long f0 = System.nanoTime();
        List<GeneratedSample> samples = new ArrayList<>(n);
        int size = model.imageSize();
        for (int i = 0; i < n; i++) {
            float[] self = null;
            if (selfSums != null) {
                self = selfSums[i];
                for (int j = 0; j < self.length; j++) {
                    self[j] /= steps;
                }
            }
            samples.add(new GeneratedSample(seeds[i], images[i], attention.finish(i, size, settings.resolutionWeights()),
                    self, selfOut == null ? 0 : selfOut.resolution(), logits == null ? null : logits[i], span, timings));
        }
        timings.put("attentionMaps", ms(f0));
        return samples;
    }

    /** Text encoder output [1, 77, hidden] for {@code text}, as floats. */
    private float[] encode(String text) throws OrtException {
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

    private RgbImage[] decodeImages(float[][] latents) throws OrtException {
        ModelManifest m = model.manifest();
        float[] z = stack(latents, 0, m.imageLatentChannels(), (float) (1 / m.scalingFactor()));
        float[] rgb = runDecoder(model.vaeDecoder, z, latents.length, m.imageLatentChannels());
        int size = model.imageSize();
        int plane = size * size;
        RgbImage[] images = new RgbImage[latents.length];
        for (int i = 0; i < latents.length; i++) {
            float[] px = new float[3 * plane];
            int base = i * 3 * plane;
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < 3; c++) {
                    float v = rgb[base + c * plane + p] * 0.5f + 0.5f;
                    px[p * 3 + c] = v < 0 ? 0 : Math.min(v, 1);
                }
            }
            images[i] = new RgbImage(size, size, px);
        }
        return images;
    }

    private float[][] decodeAnnotations(float[][] latents) throws OrtException {
        ModelManifest.Joint joint = model.manifest().joint();
        int first = model.manifest().imageLatentChannels();
        float[] z = stack(latents, first, joint.annotationChannels(), (float) (1 / joint.annotationScalingFactor()));
        float[] logits = runDecoder(model.annotationDecoder, z, latents.length, joint.annotationChannels());
        int per = logits.length / latents.length;
        float[][] out = new float[latents.length][];
        for (int i = 0; i < latents.length; i++) {
            out[i] = Arrays.copyOfRange(logits, i * per, (i + 1) * per);
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

    private float[] runDecoder(ModelSession decoder, float[] z, int n, int channels) throws OrtException {
        String input = decoder.inputs().keySet().iterator().next();
        int side = model.manifest().latentSize();
        try (OnnxTensor t = new TensorBuffer(decoder.input(input).type()).put(z).tensor(env, n, channels, side, side);
             OrtSession.Result r = decoder.run(Map.of(input, t))) {
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
