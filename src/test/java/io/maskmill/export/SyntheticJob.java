package io.maskmill.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.maskmill.events.MaskRefined;
import io.maskmill.events.SampleCompleted;
import io.maskmill.events.SampleHeader;
import io.maskmill.imaging.CocoRle;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.imaging.RgbImage;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;

/**
 * Writes finished samples into a store exactly as the stages leave them (real PNGs, objects.json
 * with RLE instance masks, every stage marker), and remembers the truth to compare an export with:
 * a disc of the sample's class, on even samples a pasted "bird" square over part of it, a top row of
 * ignore (255) pixels.
 */
public final class SyntheticJob {
    static final List<String> CLASSES = List.of("dog", "cat", "bird");

    /** One expected instance: class label, binary mask, pasted or not. */
    public record Truth(int label, LabelMask mask, boolean pasted) {
    }

    public record Sample(String sampleId, int width, int height, LabelMask semantic, List<Truth> instances) {
    }

    final ArtifactStore store;
    final String jobId;
    final ObjectMapper json = new ObjectMapper();
    final List<Sample> samples = new ArrayList<>();

    public SyntheticJob(ArtifactStore store, String jobId) {
        this.store = store;
        this.jobId = jobId;
        ObjectNode spec = json.createObjectNode();
        spec.put("jobId", jobId);
        spec.put("source", "synthetic");
        spec.set("classes", json.valueToTree(CLASSES));
        store.put(ArtifactKeys.jobSpec(jobId), spec.toString().getBytes(), "application/json");
        store.put(ArtifactKeys.plan(jobId), "[]".getBytes(), "application/json");
    }

    /** Adds finished sample number {@code i} (size varies with i). */
    Sample add(int i) {
        return add(i, 64 + 8 * (i % 3), 48 + 4 * (i % 2));
    }

    public Sample add(int i, int w, int h) {
        String id = String.format("s%06d", i);
        String className = CLASSES.get(i % CLASSES.size());
        int label = i % CLASSES.size() + 1;
        LabelMask semantic = new LabelMask(w, h);
        LabelMask disc = new LabelMask(w, h);
        int cx = w / 2, cy = h / 2, r = Math.min(w, h) / 3;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                    disc.set(x, y, 1);
                }
            }
        }
        semantic.paint(disc, label);
        List<Truth> truth = new ArrayList<>();
        ArrayNode objects = json.createArrayNode();
        LabelMask square = null;
        if (i % 2 == 0) {
            square = new LabelMask(w, h);
            int x0 = cx - r / 2 - 6, y0 = cy - r / 2 - 6, size = r;
            for (int y = y0; y < y0 + size; y++) {
                for (int x = x0; x < x0 + size; x++) {
                    square.set(x, y, 1);
                }
            }
            semantic.paint(square, 3);
            ObjectNode o = objects.addObject();
            o.put("class", "bird");
            o.put("source", "s000999");
            o.putArray("box").add(x0).add(y0).add(size).add(size);
            ObjectNode rle = o.putObject("rle");
            rle.putArray("size").add(h).add(w);
            rle.put("counts", CocoRle.compress(CocoRle.encode(square)));
        }
        for (int x = 0; x < w; x++) {
            semantic.set(x, 0, LabelMask.IGNORE);
        }
        LabelMask scene = semantic.select(label);
        if (square != null) {
            byte[] s = scene.labels(), q = square.labels();
            for (int p = 0; p < s.length; p++) {
                if (q[p] != 0) {
                    s[p] = 0;
                }
            }
        }
        if (scene.count(1) > 0) {
            truth.add(new Truth(label, scene, false));
        }
        if (square != null) {
            LabelMask visible = semantic.select(3);
            byte[] v = visible.labels(), q = square.labels();
            for (int p = 0; p < v.length; p++) {
                v[p] = (byte) (v[p] & q[p]);
            }
            truth.add(new Truth(3, visible, true));
        }
        RgbImage image = new RgbImage(w, h);
        float[] px = image.pixels();
        for (int p = 0; p < w * h; p++) {
            int l = semantic.labels()[p] & 0xFF;
            px[3 * p] = l == 1 ? 0.8f : (p % w) / (float) w;
            px[3 * p + 1] = l == 2 ? 0.7f : (p / w) / (float) h;
            px[3 * p + 2] = l == 3 ? 0.9f : 0.3f;
        }
        SampleHeader header = new SampleHeader(jobId, id, 1, className, CLASSES);
        Map<String, String> artifacts = new LinkedHashMap<>();
        artifacts.put("image", put(id, "harmonize", "image.png", Images.writePng(image)));
        artifacts.put("mask", put(id, "place", "mask.png", LabelMasks.writeVocPng(semantic)));
        artifacts.put("objects", put(id, "place", "objects.json", objects.toString().getBytes()));
        marker(id, "sample", new MaskRefined(header, Map.of(), Map.of("prompt", "a " + className + " on grass",
                "seed", Integer.toString(1000 + i), "model", "tiny-sd", "scheduler", "ddim")));
        marker(id, "optimize", new MaskRefined(header, Map.of(), Map.of("threshold", "0.4",
                "quality", Double.toString((i % 10) / 10.0 + 0.05), "refiner", "affinity")));
        marker(id, "harmonize", new SampleCompleted(header, artifacts, Map.of("harmonizer", "rain", "blend", "laplacian")));
        Sample sample = new Sample(id, w, h, semantic, truth);
        samples.add(sample);
        return sample;
    }

    void reject(int i, String reason) {
        String id = String.format("s%06d", i);
        store.put(ArtifactKeys.rejected(jobId, id), ("{\"stage\":\"optimize\",\"reason\":\"" + reason + "\"}").getBytes(),
                "application/json");
    }

    String put(String sampleId, String stage, String name, byte[] bytes) {
        return store.put(ArtifactKeys.stage(jobId, sampleId, stage, name), bytes, "application/octet-stream").toString();
    }

    void marker(String sampleId, String stage, Object event) {
        try {
            store.put(ArtifactKeys.stageMarker(jobId, sampleId, stage), json.writeValueAsBytes(event), "application/json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
