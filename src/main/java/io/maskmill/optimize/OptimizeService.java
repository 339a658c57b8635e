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
import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.imaging.RgbImage;
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
        this.store = store;
        this.json = json;
        this.refinement = refinement;
        this.optimizer = optimizer;
        this.gate = gate;
        this.history = new ClassHistory(store, json);
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
        Map<String, Object> previous = previousContext(h);
        LabelMask mask;
        FloatMap confidence;
        double threshold, agreement;
        ThresholdSweep.Prior prior;
        QualityGate.Ranking ranking;
        if (previous != null) {
            prior = new ThresholdSweep.Prior(number(previous, "priorMean"), (int) number(previous, "priorCount"));
            ranking = new QualityGate.Ranking(number(previous, "cut"), (int) number(previous, "history"));
        } else {
            ClassHistory.Summary earlier = history.of(h.jobId(), h.className(), h.sampleId());
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
        URI qualityUri = store.put(key(h, ClassHistory.QUALITY), bytes(quality(h, in, threshold, verdict, prior)),
                "application/json");
        if (!verdict.kept()) {
            return reject(h, verdict.reason(), verdict.score());
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

    private Map<String, Object> quality(SampleHeader h, Inputs in, double threshold, QualityGate.Verdict v,
                                        ThresholdSweep.Prior prior) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("sampleId", h.sampleId());
        q.put("className", h.className());
        q.put("label", h.label());
        q.put("mode", in.logits() != null ? "logits" : "attention");
        q.put("refiner", in.logits() != null ? "logits" : refinement.refiner().name());
        q.put("threshold", in.logits() != null ? null : round(threshold));
        q.put("score", round(v.score()));
        q.put("decision", v.kept() ? "kept" : "rejected");
        q.put("reason", v.reason());
        Map<String, Object> signals = new LinkedHashMap<>();
        signals.put("agreement", round(v.signals().agreement()));
        signals.put("edge", round(v.signals().edge()));
        signals.put("components", v.signals().components());
        signals.put("areaFraction", round(v.signals().areaFraction()));
        q.put("signals", signals);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("priorMean", Double.isNaN(prior.mean()) ? null : prior.mean());
        context.put("priorCount", prior.count());
        context.put("cut", Double.isNaN(v.ranking().cut()) ? null : v.ranking().cut());
        context.put("history", v.ranking().history());
        q.put("context", context);
        return q;
    }

    /** The context this sample was judged with before, if it was (a redelivery). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> previousContext(SampleHeader h) {
        String key = key(h, ClassHistory.QUALITY);
        if (!store.exists(key)) return null;
        try {
            JsonNode context = json.readTree(store.get(key)).get("context");
            return context == null || !context.isObject() ? null : json.convertValue(context, Map.class);
        } catch (IOException | NoSuchArtifactException e) {
            return null;
        }
    }

    private static double number(Map<String, Object> m, String name) {
        return m.get(name) instanceof Number n ? n.doubleValue() : Double.NaN;
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
