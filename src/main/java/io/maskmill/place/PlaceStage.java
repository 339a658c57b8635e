package io.maskmill.place;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.maskmill.events.InvalidInputException;
import io.maskmill.events.MaskRefined;
import io.maskmill.events.ObjectsPlaced;
import io.maskmill.events.ObjectsSelected;
import io.maskmill.events.SampleHeader;
import io.maskmill.handoff.PlacedObjects;
import io.maskmill.handoff.Selection;
import io.maskmill.imaging.CocoRle;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.imaging.RgbImage;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.StageMarkers;

/**
 * The place stage on artifacts: reads the sample's image and mask and the thesaurus's selection, loads
 * each chosen object sample through its optimize marker, places (via {@link PlaceService}), writes
 * composite.png, mask.png, pasted.png, objects.json [and heatmap.png], then the marker, last.
 */
public final class PlaceStage {
    public static final String STAGE = "place";
    /** Optimize-output artifact with the one instance to cut out (written by augment; else the class mask). */
    public static final String OBJECT_ARTIFACT = "object";
    /** Optimize-output param: why the sample has no instance to cut out. */
    public static final String NO_OBJECT_PARAM = "noObject";
    /** Key-ordered, as everywhere a marker is written, so a redelivery writes the same bytes. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final ArtifactStore store;
    private final PlaceService service;

    public PlaceStage(ArtifactStore store, PlaceService service) {
        this.store = store;
        this.service = service;
    }

    public ObjectsPlaced run(ObjectsSelected input) {
        SampleHeader sample = input.sample();
        String job = sample.jobId(), id = sample.sampleId();
        RgbImage image = Images.readRgb(read(input.artifacts(), "image"), "ObjectsSelected image");
        LabelMask mask = LabelMasks.readIndexedPng(read(input.artifacts(), "mask"), "ObjectsSelected mask");
        Selection selection = Selection.read(read(input.artifacts(), "selection"));
        List<ObjectSource> objects = new ArrayList<>();
        for (Selection.Choice chosen : selection.objects()) {
            objects.add(load(job, chosen));
        }
        // the sample's seed (from the job's seed, in the header since ingest planned it); params.seed for old events
        long seed = sample.seed() != null ? sample.seed() : seed(input.params(), id);
        PlaceResult result = service.place(new PlaceService.Background(image, mask, sample.className(),
                sample.classes()), objects, seed);

        Map<String, String> artifacts = new LinkedHashMap<>();
        artifacts.put("image", put(job, id, "composite.png", Images.writePng(result.composite()), "image/png"));
        artifacts.put("mask", put(job, id, "mask.png", LabelMasks.writeVocPng(result.mask()), "image/png"));
        artifacts.put("pasted", put(job, id, "pasted.png", LabelMasks.writeVocPng(result.pasted()), "image/png"));
        artifacts.put("objects", put(job, id, PlacedObjects.FILE, objectsJson(result), "application/json"));
        if (result.heatmap() != null) {
            artifacts.put("heatmap", put(job, id, "heatmap.png", Images.writePng(result.heatmap()), "image/png"));
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("scorer", service.scorer().id());
        params.put("seed", Long.toString(seed));
        params.put("placed", Integer.toString(result.objects().size()));
        PlaceService.Settings s = service.settings();
        params.put("featherPx", Integer.toString(s.featherPx()));
        params.put("maxOcclusion", Double.toString(s.maxOcclusion()));
        params.put("selection", s.selectionName());
        if (result.cues() != null) {
            params.put("horizonRow", Integer.toString(result.cues().horizonRow()));
        }
        String reason = selection.objects().isEmpty()
                ? "thesaurus selected no objects" + (selection.reason() == null ? "" : ": " + selection.reason())
                : result.reason();
        if (!reason.isEmpty()) {
            params.put("reason", reason);
        }
        ObjectsPlaced output = new ObjectsPlaced(sample, artifacts, params);
        new StageMarkers(store, JSON).finished(sample, STAGE, output);
        return output;
    }

    /** An object sample's image and mask from its optimize output, or the reason they cannot be had. */
    private ObjectSource load(String job, Selection.Choice chosen) {
        try {
            String markerKey = ArtifactKeys.stageMarker(job, chosen.sampleId(), "optimize");
            if (!store.exists(markerKey)) {
                return ObjectSource.failed(chosen.className(), chosen.sampleId(),
                        "the sample has no optimize output (" + markerKey + " is missing)");
            }
            MaskRefined refined = JSON.readValue(store.get(markerKey), MaskRefined.class);
            String imageUri = refined.artifacts().get("image"), maskUri = refined.artifacts().get("mask");
            if (imageUri == null || maskUri == null) {
                return ObjectSource.failed(chosen.className(), chosen.sampleId(),
                        markerKey + " lists no image or no mask artifact");
            }
            // an imported sample names the one whole instance others may paste, or says why it has none
            String objectUri = refined.artifacts().get(OBJECT_ARTIFACT);
            String noObject = refined.params() == null ? null : refined.params().get(NO_OBJECT_PARAM);
            if (objectUri == null && noObject != null) {
                return ObjectSource.failed(chosen.className(), chosen.sampleId(), noObject);
            }
            RgbImage image = Images.readRgb(store.get(URI.create(imageUri)), imageUri);
            String objectMask = objectUri != null ? objectUri : maskUri;
            LabelMask mask = LabelMasks.readIndexedPng(store.get(URI.create(objectMask)), objectMask);
            return ObjectSource.of(chosen.className(), chosen.sampleId(), image, mask);
        } catch (InvalidInputException | IOException | IllegalArgumentException e) {
            return ObjectSource.failed(chosen.className(), chosen.sampleId(), e.getMessage());
        }
    }

    private byte[] read(Map<String, String> artifacts, String name) {
        String uri = artifacts.get(name);
        if (uri == null || uri.isBlank()) {
            throw new InvalidInputException("ObjectsSelected.artifacts has no '" + name + "' (has " + artifacts.keySet() + ")");
        }
        try {
            return store.get(URI.create(uri));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("ObjectsSelected.artifacts." + name + " is not a URI of this store: " + uri, e);
        }
    }

    private String put(String job, String sample, String name, byte[] bytes, String contentType) {
        return store.put(ArtifactKeys.stage(job, sample, STAGE, name), bytes, contentType).toString();
    }

    /** The job's seed from the event's params ({@code seed}, 0 if absent), mixed with the sample id. */
    static long seed(Map<String, String> params, String sampleId) {
        long jobSeed = 0;
        String s = params.get("seed");
        if (s != null) {
            try {
                jobSeed = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("params.seed must be an integer, got '" + s + "'");
            }
        }
        return jobSeed * 31 + sampleId.hashCode();
    }

    static byte[] objectsJson(PlaceResult result) {
        int w = result.mask().width(), h = result.mask().height();
        List<PlacedObjects.Placed> placed = new ArrayList<>();
        for (PlacedObject o : result.objects()) {
            var visible = o.instance().box(1);
            int[] bbox = visible == null ? new int[0]
                    : new int[] { visible.x0(), visible.y0(), visible.width(), visible.height() };
            placed.add(new PlacedObjects.Placed(o.index(), o.className(), o.label(), o.sample(),
                    new int[] { o.box().x0(), o.box().y0(), o.box().width(), o.box().height() }, round(o.scale()),
                    round(o.score()), round(o.occlusion()), o.area(), bbox,
                    new PlacedObjects.Segmentation(new int[] { h, w },
                            JSON.getNodeFactory().textNode(CocoRle.compress(CocoRle.encode(o.instance()))))));
        }
        return new PlacedObjects(placed, result.reasons().isEmpty() ? null : result.reason()).bytes();
    }

    private static double round(double v) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.6f", v));
    }
}
