package io.maskmill.thesaurus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.MaskRefined;
import io.maskmill.events.ObjectsSelected;
import io.maskmill.events.SampleHeader;
import io.maskmill.ingest.JobPlan;
import io.maskmill.handoff.Selection;
import io.maskmill.ingest.JobRecords;
import io.maskmill.ledger.ClassIndex;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.StageMarkers;

/**
 * The thesaurus stage for one refined sample: which kept single-object samples of the job to paste
 * into it. The pool is every sample of the job whose optimize stage finished and kept it (read from
 * the job's per-class index, never by listing the job); the
 * choice is written to {@code selection.json}. A sample nothing fits passes on with no objects and
 * the reason, so the chain still completes it unedited.
 */
@ApplicationScoped
public class ThesaurusStage {
    static final String STAGE = "thesaurus";

    private final ThesaurusService thesaurus;
    private final ArtifactStore store;
    private final JobRecords jobs;
    private final ObjectMapper json;
    private final StageMarkers markers;

    private final ClassIndex index;

    public ThesaurusStage(ThesaurusConfig config, ArtifactStore store, JobRecords jobs, ObjectMapper json,
            ClassIndex index) throws IOException {
        this.index = index;
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
        String prompt = sample.prompt() != null ? sample.prompt() : plannedPrompt(sample);
        ThesaurusService.Selection selection = thesaurus.select(new ThesaurusService.Request(sample.sampleId(),
                sample.className(), prompt, index.kept(sample.jobId(), sample.classes()),
                jobs.spec(sample.jobId()).seed()));
        String key = ArtifactKeys.stage(sample.jobId(), sample.sampleId(), STAGE, Selection.FILE);
        Map<String, String> artifacts = new TreeMap<>();
        artifacts.put("image", refined.artifacts().get("image"));
        artifacts.put("mask", refined.artifacts().get("mask"));
        artifacts.put("selection", store.put(key, handoff(selection).bytes(), "application/json").toString());
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

    /** The choice as the hand-off file place reads. */
    static Selection handoff(ThesaurusService.Selection s) {
        return new Selection(s.objects().stream().map(c -> new Selection.Choice(c.className(), c.sampleId(),
                c.similarity(), c.context(), c.contextCount(), c.pairCount())).toList(), s.contexts(), s.reason());
    }

    /** For headers written before the prompt travelled in them: the plan's prompt. */
    private String plannedPrompt(SampleHeader sample) {
        // an imported sample (augment) has no prompt: the sample's class is then the context
        return jobs.samples(sample.jobId()).stream().filter(p -> p.sampleId().equals(sample.sampleId())).findFirst()
                .orElseThrow(() -> new io.maskmill.events.InvalidInputException("sample " + sample.sampleId()
                        + " is not in the plan of job " + sample.jobId())).prompt();
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
