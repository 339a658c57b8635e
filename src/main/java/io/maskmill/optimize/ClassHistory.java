package io.maskmill.optimize;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.NoSuchArtifactException;

/**
 * What earlier samples of a class decided, read from their {@code optimize/quality.json} in the store.
 * Every stage instance only ever writes its own sample's files, so there is no shared record to
 * read-modify-write and nothing to lock: concurrent instances each list the job's samples and read
 * what is there. A quality.json never changes once written (a redelivery rewrites the same bytes),
 * so each instance caches what it has read (LRU, {@value #CACHE} entries) and pays one listing per
 * sample plus one read per new sample.
 */
final class ClassHistory {
    static final String QUALITY = "quality.json";
    private static final int CACHE = 100_000;

    /** One earlier sample: its class, chosen γ (NaN in logits mode), quality score, and whether it was kept. */
    record Entry(String className, double threshold, double score, boolean kept) {
    }

    /** A class's earlier samples. */
    record Summary(ThresholdSweep.Prior prior, double[] scores) {
    }

    private final ArtifactStore store;
    private final ObjectMapper json;
    private final Map<String, Entry> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CACHE;
        }
    };

    ClassHistory(ArtifactStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** The class's earlier samples in {@code jobId}, this sample left out. */
    Summary of(String jobId, String className, String sampleId) {
        String prefix = ArtifactKeys.samples(jobId);
        String own = ArtifactKeys.stage(jobId, sampleId, OptimizeService.STAGE, QUALITY);
        List<Entry> entries = new ArrayList<>();
        for (String key : store.list(prefix)) {
            if (key.endsWith("/" + OptimizeService.STAGE + "/" + QUALITY) && !key.equals(own)) {
                Entry e = entry(key);
                if (e != null && e.className().equals(className)) entries.add(e);
            }
        }
        double sum = 0;
        int kept = 0;
        double[] scores = new double[entries.size()];
        for (int i = 0; i < scores.length; i++) {
            Entry e = entries.get(i);
            scores[i] = e.score();
            if (e.kept() && !Double.isNaN(e.threshold())) {
                sum += e.threshold();
                kept++;
            }
        }
        return new Summary(kept == 0 ? ThresholdSweep.Prior.NONE : new ThresholdSweep.Prior(sum / kept, kept), scores);
    }

    private Entry entry(String key) {
        synchronized (cache) {
            Entry cached = cache.get(key);
            if (cached != null) return cached;
        }
        try {
            JsonNode q = json.readTree(store.get(key));
            Entry e = new Entry(q.path("className").asText(), q.path("threshold").asDouble(Double.NaN),
                    q.path("score").asDouble(0), "kept".equals(q.path("decision").asText()));
            synchronized (cache) {
                cache.put(key, e);
            }
            return e;
        } catch (NoSuchArtifactException | IOException e) {
            return null; // listed but gone, or not JSON: another sample's problem, not this one's
        }
    }
}
