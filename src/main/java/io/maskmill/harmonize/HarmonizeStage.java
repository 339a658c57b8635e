package io.maskmill.harmonize;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.InvalidInputException;
import io.maskmill.events.ObjectsPlaced;
import io.maskmill.events.SampleCompleted;
import io.maskmill.events.SampleHeader;
import io.maskmill.runtime.OnnxRuntime;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.StageMarkers;

/**
 * The harmonize stage for one sample: each pasted object takes on the scene's light; the masks are
 * not touched (the event passes the place stage's mask and objects on unchanged). The sample is
 * then complete; its {@code maskmill.sample.completed} goes to the ledger, which keeps the job's count.
 */
@ApplicationScoped
public class HarmonizeStage {
    static final String STAGE = "harmonize";

    private final HarmonizeService service;
    private final ArtifactStore store;
    private final StageMarkers markers;

    public HarmonizeStage(HarmonizeConfig config, Instance<OnnxRuntime> runtime, ArtifactStore store,
            ObjectMapper json) {
        // The ONNX Runtime (and a GPU, where one is configured) is only brought up for a configured model.
        this.service = new HarmonizeService(config.model()
                .<Harmonizer>map(model -> new OnnxHarmonizer(runtime.get().session(Path.of(model)), config.featherPx()))
                .orElseGet(config::builtIn));
        this.store = store;
        this.markers = new StageMarkers(store, json);
    }

    public SampleCompleted harmonize(ObjectsPlaced placed) {
        SampleHeader sample = placed.sample();
        String composite = require(placed, "image");
        String pasted = require(placed, "pasted");
        HarmonizeService.Output out = service.harmonize(store.get(URI.create(composite)), composite,
                store.get(URI.create(pasted)), pasted);
        URI image = store.put(ArtifactKeys.stage(sample.jobId(), sample.sampleId(), STAGE, "image.png"), out.png(),
                "image/png");
        Map<String, String> artifacts = new TreeMap<>(placed.artifacts());
        artifacts.put("image", image.toString());
        Map<String, String> params = new TreeMap<>();
        params.put("harmonizer", service.harmonizer().id());
        params.put("harmonized", Boolean.toString(out.result().applied()));
        params.put("detail", out.result().detail());
        SampleCompleted completed = new SampleCompleted(sample, artifacts, params);
        markers.finished(sample, STAGE, completed);
        return completed;
    }

    private static String require(ObjectsPlaced placed, String artifact) {
        String uri = placed.artifacts().get(artifact);
        if (uri == null) {
            throw new InvalidInputException("maskmill.objects.placed lacks the '" + artifact + "' artifact");
        }
        return uri;
    }
}
