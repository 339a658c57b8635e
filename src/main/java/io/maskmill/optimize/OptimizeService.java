package io.maskmill.optimize;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.InvalidInputException;
import io.maskmill.events.MaskRefined;
import io.maskmill.events.SampleGenerated;
import io.maskmill.events.SampleHeader;
import io.maskmill.events.SampleRejected;
import io.maskmill.handoff.Quality;
import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.imaging.RgbImage;
import io.maskmill.ledger.ClassIndex;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.StageMarkers;
import io.maskmill.store.NoSuchArtifactException;

/**
 * The optimize stage on one sample: read the image and the attention (or logits), refine, judge,
 * write {@code mask.png}, {@code confidence.png}, {@code quality.json}, then either the stage marker
 * (kept) or {@code rejected.json} (dropped), last. Bad input is a rejection with its reason, never an
 * exception: retrying it cannot help.
 *
 * <p>The class history (γ prior, score ranking) a sample was judged with is recorded in its
 * quality.json; a redelivered event reuses it, so it rewrites the same bytes whatever other samples
 * finished in between.
 */
public final class OptimizeService {
    public static final String STAGE = "optimize";

    private final ArtifactStore store;
    private final ObjectMapper json;
    private final AttentionRefinement refinement;
    private final MaskOptimizer optimizer;
    private final QualityGate gate;
    private final ClassHistory history;
    private final double logitsConfidence;

    /** Kept (with its output event) or rejected (with the rejection event). */
    public sealed interface Outcome permits Kept, Rejected {
    }

    public record Kept(MaskRefined event) implements Outcome {
    }

    public record Rejected(SampleRejected event) implements Outcome {
    }

    public OptimizeService(ArtifactStore store, ObjectMapper json, AttentionRefinement refinement, MaskOptimizer optimizer,
                           QualityGate gate, double logitsConfidence) {
        this(store, json, refinement, optimizer, gate, logitsConfidence, new ClassIndex(store, json));
    }

    /** @param index the job's per-class index of judged samples (shared with thesaurus in one JVM) */
    public OptimizeService(ArtifactStore store, ObjectMapper json, AttentionRefinement refinement, MaskOptimizer optimizer,
                           QualityGate gate, double logitsConfidence, ClassIndex index) {
        this.store = store;
        this.json = json;
        this.refinement = refinement;
        this.optimizer = optimizer;
        this.gate = gate;
        this.history = new ClassHistory(index);
        this.logitsConfidence = logitsConfidence;
    }

    public Outcome optimize(SampleGenerated event) {
        SampleHeader h = event.sample();
        Inputs in;
        try {
            in = Inputs.load(store, event);
        } catch (InvalidInputException | NoSuchArtifactException e) {
            return reject(h, e.getMessage(), null);
        }
        Quality.Context previous = previousContext(h);
        LabelMask mask;
        FloatMap confidence;
        double threshold, agreement;
        ThresholdSweep.Prior prior;
        QualityGate.Ranking ranking;
        if (previous != null) {
            prior = new ThresholdSweep.Prior(orNaN(previous.priorMean()), previous.priorCount());
            ranking = new QualityGate.Ranking(orNaN(previous.cut()), previous.history());
        } else {
            ClassHistory.Summary earlier = history.of(h);
            prior = earlier.prior();
            ranking = gate.ranking(earlier.scores());
        }
        if (in.logits() != null) {
            float[] conf = new float[in.image().width() * in.image().height()];
            mask = optimizer.clean(optimizer.labelsFromLogits(in.logits(), conf));
            confidence = new FloatMap(in.image().width(), in.image().height(), conf);
            threshold = logitsConfidence;
            agreement = meanOver(conf, mask, h.label());
        } else {
            AttentionRefinement.Outcome o = refinement.run(new RefinementInput(in.image(), in.attention(), in.selfAttention()), prior);
            mask = relabel(o.mask(), h.label());
            confidence = o.reference().score();
            threshold = o.sweep().threshold();
            agreement = o.sweep().iou();
        }
        QualityGate.Verdict verdict = gate.judge(mask, h.label(), in.image(), agreement, ranking);

        URI maskUri = store.put(key(h, "mask.png"), LabelMasks.writeVocPng(mask), "image/png");
        URI confidenceUri = store.put(key(h, "confidence.png"), Images.writePng(grey(confidence)), "image/png");
        URI qualityUri = store.put(key(h, Quality.FILE), quality(h, in, threshold, verdict, prior).bytes(),
                "application/json");
        if (!verdict.kept()) {
            Outcome rejected = reject(h, verdict.reason(), verdict.score());
            history.record(h, round(verdict.score()), in.logits() != null ? Double.NaN : round(threshold), false);
            return rejected;
        }
        Map<String, String> artifacts = new LinkedHashMap<>();
        artifacts.put("image", event.artifacts().get("image"));
        artifacts.put("mask", maskUri.toString());
        artifacts.put("confidence", confidenceUri.toString());
        artifacts.put("quality", qualityUri.toString());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("threshold", fmt(threshold));
        params.put("quality", fmt(verdict.score()));
        params.put("refiner", in.logits() != null ? "logits" : refinement.refiner().name());
        MaskRefined refined = new MaskRefined(h, artifacts, params);
        new StageMarkers(store, json).finished(h, STAGE, refined);
        history.record(h, round(verdict.score()), in.logits() != null ? Double.NaN : round(threshold), true);
        return new Kept(refined);
    }

    /** The rejection this stage stored for the sample before, if it rejected it (a redelivery is not judged again). */
    public java.util.Optional<Outcome> storedRejection(SampleHeader h) {
        try {
            JsonNode r = json.readTree(store.get(ArtifactKeys.rejected(h.jobId(), h.sampleId())));
            return java.util.Optional.of(new Rejected(new SampleRejected(h, r.path("stage").asText(STAGE),
                    r.path("reason").asText())));
        } catch (NoSuchArtifactException | IOException e) {
            return java.util.Optional.empty();
        }
    }

    private Outcome reject(SampleHeader h, String reason, Double score) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("stage", STAGE);
        record.put("reason", reason);
        if (score != null) record.put("quality", round(score));
        store.put(ArtifactKeys.rejected(h.jobId(), h.sampleId()), bytes(record), "application/json");
        return new Rejected(new SampleRejected(h, STAGE, reason));
    }

    private Quality quality(SampleHeader h, Inputs in, double threshold, QualityGate.Verdict v,
                            ThresholdSweep.Prior prior) {
        boolean logits = in.logits() != null;
        return new Quality(h.sampleId(), h.className(), h.label(), logits ? "logits" : "attention",
                logits ? "logits" : refinement.refiner().name(), logits ? null : round(threshold), round(v.score()),
                v.kept() ? "kept" : "rejected", v.reason(),
                new Quality.Signals(round(v.signals().agreement()), round(v.signals().edge()), v.signals().components(),
                        round(v.signals().areaFraction())),
                new Quality.Context(Double.isNaN(prior.mean()) ? null : prior.mean(), prior.count(),
                        Double.isNaN(v.ranking().cut()) ? null : v.ranking().cut(), v.ranking().history()),
                null);
    }

    /** The context this sample was judged with before, if it was (a redelivery). */
    private Quality.Context previousContext(SampleHeader h) {
        try {
            return Quality.read(store.get(key(h, Quality.FILE))).context();
        } catch (NoSuchArtifactException | InvalidInputException e) {
            return null;
        }
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static LabelMask relabel(LabelMask binary, int label) {
        byte[] l = binary.labels().clone();
        for (int i = 0; i < l.length; i++) {
            if (l[i] == 1) l[i] = (byte) label;
        }
        return new LabelMask(binary.width(), binary.height(), l);
    }

    private static double meanOver(float[] values, LabelMask mask, int label) {
        double sum = 0;
        int n = 0;
        byte[] l = mask.labels();
        for (int i = 0; i < l.length; i++) {
            if ((l[i] & 0xFF) == label) {
                sum += values[i];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    private static RgbImage grey(FloatMap map) {
        float[] v = map.values(), rgb = new float[3 * v.length];
        for (int i = 0; i < v.length; i++) {
            rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = v[i];
        }
        return new RgbImage(map.width(), map.height(), rgb);
    }

    private static String key(SampleHeader h, String name) {
        return ArtifactKeys.stage(h.jobId(), h.sampleId(), STAGE, name);
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
