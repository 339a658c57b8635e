package io.maskmill.export;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.maskmill.events.EventSink;
import io.maskmill.events.EventType;
import io.maskmill.events.Ids;
import io.maskmill.events.InvalidInputException;
import io.maskmill.events.MaskRefined;
import io.maskmill.events.OutgoingEvent;
import io.maskmill.events.SampleHeader;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.ingest.JobConflictException;
import io.maskmill.place.PlaceStage;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.handoff.Quality;
import io.maskmill.ledger.ClassIndex;
import io.maskmill.store.StageMarkers;

/**
 * Augment mode: an existing dataset's images and masks become the samples of a new job, each stored
 * exactly as a kept optimize output (image.png, mask.png, quality.json, then the optimize marker),
 * and one {@code maskmill.mask.refined} per sample is published, so the editing half (thesaurus →
 * place → harmonize) continues through the same functions. Images that cannot be read are listed
 * and left out; the others go on.
 */
public final class AugmentService {
    private static final Logger LOG = Logger.getLogger(AugmentService.class);
    /** Human (or earlier-pipeline) annotations are taken as they are: full quality, no refinement. */
    static final String QUALITY = "1.0";
    static final String REFINER = "imported";
    static final String OBJECT_ARTIFACT = PlaceStage.OBJECT_ARTIFACT;
    static final String NO_OBJECT_PARAM = PlaceStage.NO_OBJECT_PARAM;

    public enum Format {
        COCO, VOC;

        public static Format of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new InvalidInputException("dataset format must be 'coco' or 'voc', got '" + name + "'");
            }
        }
    }

    /** What was imported: the job, its samples, its class map, and the files left out. */
    public record Started(String jobId, int samples, List<String> classes, List<ExportProblem> problems) {
    }

    private final ArtifactStore store;
    private final EventSink events;
    private final ObjectMapper json;
    private final String source;

    public AugmentService(ArtifactStore store, EventSink events, ObjectMapper json, String source) {
        this.store = store;
        this.events = events;
        this.json = json;
        this.source = source;
    }

    /**
     * Imports up to {@code limit} images (0: all) of the dataset as job {@code jobId} (null: a new id)
     * and publishes their events.
     */
    public Started start(String jobId, Format format, DatasetFiles dataset, int limit) {
        String job = jobId == null || jobId.isBlank() ? "aug-" + UUID.randomUUID().toString().substring(0, 8)
                : Ids.requireJobId(jobId);
        if (store.exists(ArtifactKeys.jobSpec(job))) {
            throw new JobConflictException("job '" + job + "' already exists");
        }
        if (limit < 0) {
            throw new InvalidInputException("limit must be >= 0, got " + limit);
        }
        DatasetImporter importer = format == Format.COCO ? new CocoImporter(dataset) : new VocImporter(dataset);
        List<String> classes = importer.classes();
        List<String> entries = importer.entries();
        if (limit > 0 && entries.size() > limit) {
            entries = entries.subList(0, limit);
        }
        List<ExportProblem> problems = new ArrayList<>();
        List<MaskRefined> refined = new ArrayList<>();
        ArrayNode plan = json.createArrayNode();
        for (String entry : entries) {
            String sampleId = String.format("s%06d", refined.size());
            ImportedImage imported;
            try {
                imported = importer.load(entry);
            } catch (InvalidInputException e) {
                problems.add(new ExportProblem(entry, dataset.describe(), e.getMessage()));
                continue;
            }
            refined.add(writeSample(new SampleHeader(job, sampleId, 1, imported.className(), classes), imported,
                    dataset.describe()));
            ObjectNode p = plan.addObject();
            p.put("sampleId", sampleId);
            p.put("className", imported.className());
            p.putNull("prompt");
            p.put("seed", 0);
            p.put("source", imported.file());
        }
        // the shape of ingest's JobPlan.Spec, so stages reading the job's records find what they expect
        ObjectNode spec = json.createObjectNode();
        spec.put("jobId", job);
        spec.put("source", dataset.describe());
        spec.set("classes", json.valueToTree(classes));
        spec.putArray("prompts");
        spec.put("imagesPerClass", 1);
        spec.put("seed", 0);
        spec.putObject("options").put("mode", "augment").put("format", format.name().toLowerCase(Locale.ROOT));
        spec.set("skipped", json.valueToTree(problems));
        store.put(ArtifactKeys.plan(job), bytes(plan), "application/json");
        store.put(ArtifactKeys.jobSpec(job), bytes(spec), "application/json");
        for (MaskRefined event : refined) {
            events.publish(OutgoingEvent.of(EventType.MASK_REFINED, source, job, event.sample().sampleId(), event));
        }
        LOG.infof("Augment job %s: %d samples from %s, %d skipped", job, refined.size(), dataset.describe(),
                problems.size());
        return new Started(job, refined.size(), classes, List.copyOf(problems));
    }

    /** The artifacts a kept optimize output has, its marker last. */
    private MaskRefined writeSample(SampleHeader header, ImportedImage imported, String dataset) {
        String job = header.jobId(), sample = header.sampleId();
        URI image = store.put(ArtifactKeys.stage(job, sample, "optimize", "image.png"), Images.writePng(imported.image()),
                "image/png");
        URI mask = store.put(ArtifactKeys.stage(job, sample, "optimize", "mask.png"), LabelMasks.writeVocPng(imported.mask()),
                "image/png");
        Quality q = new Quality(sample, header.className(), header.label(), "import", REFINER, null,
                Double.parseDouble(QUALITY), "kept", null, null, null, imported.file());
        URI quality = store.put(ArtifactKeys.stage(job, sample, "optimize", Quality.FILE), q.bytes(), "application/json");
        Map<String, String> artifacts = new LinkedHashMap<>();
        artifacts.put("image", image.toString());
        artifacts.put("mask", mask.toString());
        artifacts.put("quality", quality.toString());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("quality", QUALITY);
        params.put("refiner", REFINER);
        params.put("dataset", dataset);
        params.put("source", imported.file());
        // what other samples may paste of this one: one whole instance (place reads it), or why there is none
        if (imported.object() != null) {
            artifacts.put(OBJECT_ARTIFACT, store.put(ArtifactKeys.stage(job, sample, "optimize", "object.png"),
                    LabelMasks.writeVocPng(imported.object()), "image/png").toString());
        } else if (imported.noObject() != null) {
            params.put(NO_OBJECT_PARAM, imported.noObject());
        }
        MaskRefined event = new MaskRefined(header, artifacts, params);
        new StageMarkers(store, json).finished(header, "optimize", event);
        // kept, as optimize indexes its kept samples: thesaurus finds the pool there. A sample with no whole
        // instance to paste stays out of the pool (it is still edited itself), so no edit is lost on it
        boolean source = imported.noObject() == null;
        new ClassIndex(store, json).record(header, new ClassIndex.Entry(Double.parseDouble(QUALITY), Double.NaN, source));
        return event;
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
