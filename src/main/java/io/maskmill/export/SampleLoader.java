package io.maskmill.export;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.maskmill.events.InvalidInputException;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.imaging.RgbImage;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.NoSuchArtifactException;

/**
 * Reads a finished sample's artifacts and checks them against each other and the class map. Any
 * fault raises {@link InvalidInputException} naming the file, so the export can skip just this sample.
 */
final class SampleLoader {
    /**
     * Provenance keys lifted to the manifest's top level, looked up in these stages' params, in order.
     * Key-ordered: {@code Map.of} iterates differently in every JVM, and the manifest must not.
     */
    private static final Map<String, List<String>> HEADLINE = new TreeMap<>(Map.of(
            "prompt", List.of("sample"), "seed", List.of("sample"), "model", List.of("sample"),
            "scheduler", List.of("sample"), "threshold", List.of("optimize"), "refiner", List.of("optimize")));

    private final ArtifactStore store;
    private final ObjectMapper json;

    SampleLoader(ArtifactStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** A sample that cannot be exported: which file is at fault, and why. */
    static final class BadSampleException extends InvalidInputException {
        private final String file;

        BadSampleException(String file, String reason, Throwable cause) {
            super(reason, cause);
            this.file = file;
        }

        String file() {
            return file;
        }
    }

    ExportSample load(JobContents.Completed sample, List<String> classes) {
        String imageUri = required(sample, "image");
        String maskUri = required(sample, "mask");
        RgbImage image = checked(imageUri, () -> Images.readRgb(fetch(imageUri), "image"));
        LabelMask mask = checked(maskUri, () -> LabelMasks.readIndexedPng(fetch(maskUri), "mask"));
        checked(maskUri, () -> {
            if (mask.width() != image.width() || mask.height() != image.height()) {
                throw new InvalidInputException("mask is " + mask.width() + "x" + mask.height()
                        + " but the image is " + image.width() + "x" + image.height());
            }
            checkLabels(mask, classes);
            return null;
        });
        String objectsUri = sample.artifacts().get("objects");
        List<PastedObject> edits = objectsUri == null ? List.of() : checked(objectsUri,
                () -> ObjectsFile.read(fetch(objectsUri), "objects", image.width(), image.height(), classes, json));
        InstanceSplitter.Split split = checked(maskUri, () -> InstanceSplitter.split(mask, edits, classes));
        double quality = number(param(sample, "optimize", "quality"));
        return new ExportSample(sample.sampleId(), sample.header().className(), image, mask, split, edits, quality,
                provenance(sample, edits, quality));
    }

    /** Every label must be background, ignore (255) or a class of the map. */
    static void checkLabels(LabelMask mask, List<String> classes) {
        byte[] labels = mask.labels();
        int max = classes.size();
        for (int i = 0; i < labels.length; i++) {
            int v = labels[i] & 0xFF;
            if (v > max && v != LabelMask.IGNORE) {
                throw new InvalidInputException("label " + v + " at (" + i % mask.width() + ", "
                        + i / mask.width() + ") is outside the class map (" + max + " classes: 1.." + max
                        + ", 255 ignore)");
            }
        }
    }

    private ObjectNode provenance(JobContents.Completed sample, List<PastedObject> edits, double quality) {
        ObjectNode p = json.createObjectNode();
        p.put("job", sample.header().jobId());
        p.put("sample", sample.sampleId());
        p.put("className", sample.header().className());
        HEADLINE.forEach((key, stages) -> {
            JsonNode value = null;
            for (String stage : stages) {
                value = value != null ? value : param(sample, stage, key);
            }
            if (value == null && sample.planned() != null && sample.planned().has(key)) {
                value = sample.planned().get(key);
            }
            p.set(key, value);
        });
        if (Double.isNaN(quality)) {
            p.putNull("quality");
        } else {
            p.put("quality", quality);
        }
        ArrayNode list = p.putArray("edits");
        for (PastedObject o : edits) {
            ObjectNode e = list.addObject();
            e.put("class", o.className());
            e.put("source", o.source());
            e.putArray("box").add(o.box().x0()).add(o.box().y0()).add(o.box().width()).add(o.box().height());
        }
        JsonNode harmonize = sample.stages().get("harmonize");
        p.set("harmonization", harmonize == null ? json.createObjectNode() : harmonize.path("params"));
        ObjectNode stages = p.putObject("stages");
        sample.stages().forEach((stage, marker) -> {
            ObjectNode s = stages.putObject(stage);
            s.set("params", marker.path("params"));
            s.set("artifacts", marker.path("artifacts"));
        });
        return p;
    }

    private static JsonNode param(JobContents.Completed sample, String stage, String key) {
        JsonNode marker = sample.stages().get(stage);
        JsonNode value = marker == null ? null : marker.path("params").get(key);
        return value == null || value.isNull() ? null : value;
    }

    private static double number(JsonNode value) {
        if (value == null) {
            return Double.NaN;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        try {
            return Double.parseDouble(value.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String required(JobContents.Completed sample, String artifact) {
        String uri = sample.artifacts().get(artifact);
        if (uri == null) {
            throw new BadSampleException("harmonize/event.json", "the harmonize marker names no '" + artifact
                    + "' artifact", null);
        }
        return uri;
    }

    /** Runs {@code step}; bad data in it becomes a {@link BadSampleException} naming {@code file}. */
    private static <T> T checked(String file, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw new BadSampleException(file, e.getMessage(), e);
        }
    }

    private byte[] fetch(String uri) {
        try {
            return store.get(URI.create(uri));
        } catch (NoSuchArtifactException e) {
            throw new InvalidInputException("missing (" + e.getMessage() + ")", e);
        }
    }
}
