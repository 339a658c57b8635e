package io.maskmill.ledger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.SampleHeader;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.NoSuchArtifactException;

/**
 * The samples optimize has judged, indexed per class as it judges them:
 * {@code jobs/{job}/classes/c{label}/{sample}.json} holds the sample's quality score, chosen threshold
 * and whether it was kept. Optimize's class history (γ prior, score ranking) and thesaurus's pool of
 * objects to paste read a class's entries here instead of listing the whole job for every sample.
 *
 * <p>Each instance keeps what it has read (entries never change: a redelivery rewrites the same bytes)
 * and adds what it records itself. It looks at the store again only after a number of lookups that
 * grows with the class (a tenth of its size, at least {@value #REFRESH_MIN}), reading just the entries
 * that are new, so a sample costs a constant number of store calls however large the job; instances
 * that run side by side see each other's entries with that lag.
 */
@ApplicationScoped
public class ClassIndex {
    static final int REFRESH_MIN = 16;
    private static final int JOBS_KEPT = 16;

    /** One judged sample. {@code threshold} is NaN in logits mode or when imported. */
    public record Entry(double score, double threshold, boolean kept) {
    }

    private static final class View {
        final SortedMap<String, Entry> entries = new TreeMap<>();
        int lookups;
        boolean loaded;
    }

    private final ArtifactStore store;
    private final ObjectMapper json;
    private final Map<String, View> views = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, View> eldest) {
            return size() > JOBS_KEPT * 8;
        }
    };

    public ClassIndex(ArtifactStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    public static String prefix(String jobId, int label) {
        return ArtifactKeys.job(jobId) + "classes/c" + label + "/";
    }

    /** Records the judgement of {@code sample} (after its stage output is complete). */
    public void record(SampleHeader sample, Entry entry) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("kept", entry.kept());
        record.put("score", entry.score());
        record.put("threshold", Double.isNaN(entry.threshold()) ? null : entry.threshold());
        try {
            store.put(prefix(sample.jobId(), sample.label()) + sample.sampleId() + ".json", json.writeValueAsBytes(record),
                    "application/json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        synchronized (views) {
            View v = views.get(sample.jobId() + "/" + sample.label());
            if (v != null) {
                v.entries.put(sample.sampleId(), entry);
            }
        }
    }

    /** The class's judged samples by sample id (plan order), as far as this instance knows them. */
    public SortedMap<String, Entry> entries(String jobId, int label) {
        String key = jobId + "/" + label;
        View v;
        synchronized (views) {
            v = views.computeIfAbsent(key, k -> new View());
            if (!v.loaded || ++v.lookups >= Math.max(REFRESH_MIN, v.entries.size() / 10)) {
                refresh(v, prefix(jobId, label));
            }
            return new TreeMap<>(v.entries);
        }
    }

    /** Class name → kept samples of that class, for each class of the job's class map. */
    public Map<String, List<String>> kept(String jobId, List<String> classes) {
        Map<String, List<String>> pool = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            List<String> ids = new ArrayList<>();
            entries(jobId, i + 1).forEach((id, e) -> {
                if (e.kept()) {
                    ids.add(id);
                }
            });
            if (!ids.isEmpty()) {
                pool.put(classes.get(i), ids);
            }
        }
        return pool;
    }

    private void refresh(View v, String prefix) {
        v.lookups = 0;
        v.loaded = true;
        for (String key : store.list(prefix)) {
            String name = key.substring(prefix.length());
            if (!name.endsWith(".json") || name.contains("/")) {
                continue;
            }
            String id = name.substring(0, name.length() - ".json".length());
            if (v.entries.containsKey(id)) {
                continue;
            }
            try {
                var n = json.readTree(store.get(key));
                v.entries.put(id, new Entry(n.path("score").asDouble(0), n.path("threshold").isNumber() ? n.path("threshold").asDouble() : Double.NaN,
                        n.path("kept").asBoolean(false)));
            } catch (NoSuchArtifactException | IOException e) {
                // listed but gone or unreadable: another sample's problem, looked at again next time
            }
        }
    }
}
