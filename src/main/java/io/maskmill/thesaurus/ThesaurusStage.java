package io.maskmill.thesaurus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.MaskRefined;
import io.maskmill.events.ObjectsSelected;
import io.maskmill.events.SampleHeader;
import io.maskmill.ingest.JobPlan;
import io.maskmill.ingest.JobRecords;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.StageMarkers;

/**
 * The thesaurus stage for one refined sample: which kept single-object samples of the job to paste
 * into it. The pool is every sample of the job whose optimize stage finished and kept it; the
 * choice is written to {@code selection.json}. A sample nothing fits passes on with no objects and
 * the reason, so the chain still completes it unedited.
 */
@ApplicationScoped
public class ThesaurusStage {
    static final String STAGE = "thesaurus";
    private static final String KEPT_MARKER = "/optimize/" + ArtifactKeys.STAGE_MARKER;

    private final ThesaurusService thesaurus;
    private final ArtifactStore store;
    private final JobRecords jobs;
    private final ObjectMapper json;
    private final StageMarkers markers;

    public ThesaurusStage(ThesaurusConfig config, ArtifactStore store, JobRecords jobs, ObjectMapper json)
            throws IOException {
        ThesaurusTable table = config.table().isPresent() ? ThesaurusTable.read(Path.of(config.table().get()))
                : ThesaurusTable.loadDefault();
        this.thesaurus = new ThesaurusService(table, new ThesaurusService.Config(config.topK(), config.count(),
                config.minSimilarity(), config.minSupport(), config.allowSampleClass(), config.temperature()));
        this.store = store;
        this.jobs = jobs;
        this.json = json;
        this.markers = new StageMarkers(store, json);
    }

    public ObjectsSelected select(MaskRefined refined) {
        SampleHeader sample = refined.sample();
        List<JobPlan.PlannedSample> plan = jobs.samples(sample.jobId());
        JobPlan.PlannedSample planned = plan.stream().filter(p -> p.sampleId().equals(sample.sampleId())).findFirst()
                .orElseThrow(() -> new io.maskmill.events.InvalidInputException("sample " + sample.sampleId()
                        + " is not in the plan of job " + sample.jobId()));
        ThesaurusService.Selection selection = thesaurus.select(new ThesaurusService.Request(sample.sampleId(),
                sample.className(), planned.prompt(), pool(sample.jobId(), plan), jobs.spec(sample.jobId()).seed()));
        String key = ArtifactKeys.stage(sample.jobId(), sample.sampleId(), STAGE, "selection.json");
        Map<String, String> artifacts = new TreeMap<>();
        artifacts.put("image", refined.artifacts().get("image"));
        artifacts.put("mask", refined.artifacts().get("mask"));
        artifacts.put("selection", store.put(key, bytes(selection), "application/json").toString());
        Map<String, String> params = new TreeMap<>();
        params.put("objects", Integer.toString(selection.objects().size()));
        params.put("contexts", String.join(",", selection.contexts()));
        if (selection.reason() != null) {
            params.put("reason", selection.reason());
        }
        ObjectsSelected out = new ObjectsSelected(sample, artifacts, params);
        markers.finished(sample, STAGE, out);
        return out;
    }

    /** Class → kept samples: optimize finished for them and nothing rejected them. */
    private Map<String, List<String>> pool(String jobId, List<JobPlan.PlannedSample> plan) {
        String prefix = ArtifactKeys.samples(jobId);
        Set<String> kept = new HashSet<>();
        Set<String> rejected = new HashSet<>();
        for (String key : store.list(prefix)) {
            String rest = key.substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String sampleId = rest.substring(0, slash);
            if (rest.endsWith(KEPT_MARKER)) {
                kept.add(sampleId);
            } else if (rest.equals(sampleId + "/rejected.json")) {
                rejected.add(sampleId);
            }
        }
        kept.removeAll(rejected);
        Map<String, List<String>> pool = new HashMap<>();
        for (JobPlan.PlannedSample p : plan) {
            if (kept.contains(p.sampleId())) {
                pool.computeIfAbsent(p.className(), c -> new ArrayList<>()).add(p.sampleId());
            }
        }
        return pool;
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
