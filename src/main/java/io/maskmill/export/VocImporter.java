package io.maskmill.export;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import io.maskmill.events.InvalidInputException;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.imaging.RgbImage;

/**
 * A Pascal VOC segmentation dataset: {@code JPEGImages/{id}.jpg}, {@code SegmentationClass/{id}.png}
 * (palette indices are the labels, 255 ignore) and the ids in {@code ImageSets/Segmentation/*.txt}
 * (all masks when there is no list). The class map comes from {@code labels.txt} (background first,
 * as Maskmill writes it) or is VOC 2012's twenty classes.
 */
final class VocImporter implements DatasetImporter {
    static final List<String> VOC_CLASSES = List.of("aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car",
            "cat", "chair", "cow", "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa",
            "train", "tvmonitor");

    private final DatasetFiles files;
    private final List<String> classes;
    private final List<String> ids;

    VocImporter(DatasetFiles files) {
        this.files = files;
        if (files.list("SegmentationClass/").isEmpty()) {
            throw new InvalidInputException(files.describe() + ": not a VOC segmentation dataset (no SegmentationClass/)");
        }
        classes = files.exists(DatasetLayout.LABELS) ? labels(files.read(DatasetLayout.LABELS)) : VOC_CLASSES;
        LinkedHashSet<String> listed = new LinkedHashSet<>();
        for (String list : files.list("ImageSets/Segmentation/")) {
            if (list.endsWith(".txt")) {
                new String(files.read(list), StandardCharsets.UTF_8).lines().map(String::strip)
                        .filter(l -> !l.isEmpty()).forEach(listed::add);
            }
        }
        if (listed.isEmpty()) {
            files.list("SegmentationClass/").stream().filter(p -> p.endsWith(".png"))
                    .map(p -> p.substring("SegmentationClass/".length(), p.length() - 4)).forEach(listed::add);
        }
        ids = new ArrayList<>(listed);
    }

    private static List<String> labels(byte[] text) {
        List<String> lines = new String(text, StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
        if (lines.size() < 2 || !lines.get(0).equals("background")) {
            throw new InvalidInputException(DatasetLayout.LABELS + ": expected 'background' then one class per line");
        }
        return lines.subList(1, lines.size());
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public List<String> entries() {
        return ids;
    }

    @Override
    public ImportedImage load(String id) {
        String imagePath = "JPEGImages/" + id + ".jpg", maskPath = "SegmentationClass/" + id + ".png";
        RgbImage image = Images.readRgb(files.read(imagePath), imagePath);
        LabelMask mask = LabelMasks.readIndexedPng(files.read(maskPath), maskPath);
        if (mask.width() != image.width() || mask.height() != image.height()) {
            throw new InvalidInputException(maskPath + ": mask is " + mask.width() + "x" + mask.height()
                    + " but the image is " + image.width() + "x" + image.height());
        }
        try {
            SampleLoader.checkLabels(mask, classes);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(maskPath + ": " + e.getMessage(), e);
        }
        int dominant = DatasetImporter.dominantLabel(mask);
        if (dominant < 0) {
            throw new InvalidInputException(maskPath + ": no labelled object to build a sample around");
        }
        return new ImportedImage(imagePath, image, mask, classes.get(dominant - 1));
    }
}
