package io.maskmill.export;

import io.maskmill.store.ArtifactKeys;

/**
 * Where a job's datasets live in the store. Each export writes a complete version under its own
 * prefix, then the pointer {@code CURRENT.json} naming it, last; readers start at the pointer, so
 * they see the previous dataset or the new one, never half of one.
 * <pre>
 * jobs/{job}/dataset/CURRENT.json                  {"version", "prefix", "images", ...}, written last
 * jobs/{job}/dataset/{version}/JPEGImages/{s}.jpg
 * jobs/{job}/dataset/{version}/SegmentationClass/{s}.png      VOC palette, label = class index + 1, 255 ignore
 * jobs/{job}/dataset/{version}/SegmentationObject/{s}.png     instance index 1..n, 255 ignore
 * jobs/{job}/dataset/{version}/ImageSets/Segmentation/train.txt
 * jobs/{job}/dataset/{version}/labels.txt                     class map: background, then one class per line
 * jobs/{job}/dataset/{version}/annotations/instances_train.json   COCO, RLE segmentations
 * jobs/{job}/dataset/{version}/manifest.jsonl                 provenance, one image per line
 * jobs/{job}/dataset/{version}/report.html, contact-sheet.png, export-report.json
 * </pre>
 */
public final class DatasetLayout {
    public static final String POINTER = "CURRENT.json";
    public static final String JPEG_DIR = "JPEGImages/";
    public static final String CLASS_DIR = "SegmentationClass/";
    public static final String OBJECT_DIR = "SegmentationObject/";
    public static final String TRAIN_LIST = "ImageSets/Segmentation/train.txt";
    public static final String LABELS = "labels.txt";
    public static final String COCO = "annotations/instances_train.json";
    public static final String MANIFEST = "manifest.jsonl";
    public static final String REPORT = "report.html";
    public static final String CONTACT_SHEET = "contact-sheet.png";
    public static final String EXPORT_REPORT = "export-report.json";

    private DatasetLayout() {
    }

    /** {@code jobs/{job}/dataset/} */
    public static String root(String jobId) {
        return ArtifactKeys.job(jobId) + "dataset/";
    }

    public static String pointer(String jobId) {
        return root(jobId) + POINTER;
    }

    /** The prefix of one version: {@code jobs/{job}/dataset/{version}/}. */
    public static String version(String jobId, String version) {
        return root(jobId) + version + "/";
    }
}
