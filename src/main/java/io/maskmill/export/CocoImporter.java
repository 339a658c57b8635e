package io.maskmill.export;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.maskmill.events.InvalidInputException;
import io.maskmill.imaging.CocoDataset;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

/**
 * A COCO dataset: {@code annotations/instances_<split>.json} and the images in {@code <split>/}
 * (or {@code images/}, or beside the annotations folder). The class map is the categories in id
 * order; each image's semantic mask paints its annotations largest first (so small objects stay on
 * top), crowd regions as ignore (255) underneath.
 */
final class CocoImporter implements DatasetImporter {
    private final DatasetFiles files;
    private final CocoDataset coco;
    private final String imageDir;
    private final List<String> classes = new ArrayList<>();
    private final Map<Integer, Integer> labelOfCategory = new HashMap<>();
    private final Map<String, CocoDataset.Image> byFile = new HashMap<>();

    CocoImporter(DatasetFiles files) {
        this.files = files;
        String annotations = files.list("annotations/").stream()
                .filter(p -> p.matches("annotations/instances_[^/]*\\.json")).findFirst()
                .orElseThrow(() -> new InvalidInputException(files.describe()
                        + ": not a COCO dataset (no annotations/instances_*.json)"));
        coco = CocoDataset.read(new ByteArrayInputStream(files.read(annotations)), annotations);
        String split = annotations.substring("annotations/instances_".length(), annotations.length() - ".json".length());
        imageDir = !files.list(split + "/").isEmpty() ? split + "/" : !files.list("images/").isEmpty() ? "images/" : "";
        List<CocoDataset.Category> categories = new ArrayList<>(coco.categories());
        categories.sort(Comparator.comparingInt(CocoDataset.Category::id));
        if (categories.size() > 254) {
            throw new InvalidInputException(annotations + ": " + categories.size() + " categories; masks hold at most 254");
        }
        for (CocoDataset.Category c : categories) {
            classes.add(c.name());
            labelOfCategory.put(c.id(), classes.size());
        }
        coco.images().forEach(i -> byFile.put(i.fileName(), i));
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public List<String> entries() {
        return coco.images().stream().map(CocoDataset.Image::fileName).toList();
    }

    @Override
    public ImportedImage load(String entry) {
        CocoDataset.Image meta = byFile.get(entry);
        String path = imageDir + entry;
        RgbImage image = Images.readRgb(files.read(path), path);
        if (image.width() != meta.width() || image.height() != meta.height()) {
            throw new InvalidInputException(path + ": image is " + image.width() + "x" + image.height()
                    + " but the annotations say " + meta.width() + "x" + meta.height());
        }
        LabelMask mask = new LabelMask(meta.width(), meta.height());
        List<CocoDataset.Annotation> annotations = new ArrayList<>(coco.annotationsOf(meta.id()));
        annotations.sort(Comparator.comparing(CocoDataset.Annotation::crowd).reversed()
                .thenComparing(Comparator.comparingDouble(CocoDataset.Annotation::area).reversed()));
        for (CocoDataset.Annotation a : annotations) {
            Integer label = labelOfCategory.get(a.categoryId());
            if (label == null) {
                throw new InvalidInputException(path + ": annotation " + a.id() + " has category " + a.categoryId()
                        + ", which is not among the categories");
            }
            mask.paint(coco.mask(a), a.crowd() ? LabelMask.IGNORE : label);
        }
        int dominant = DatasetImporter.dominantLabel(mask);
        if (dominant < 0) {
            throw new InvalidInputException(path + ": no annotated object to build a sample around");
        }
        return new ImportedImage(path, image, mask, classes.get(dominant - 1));
    }
}
