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
import io.maskmill.place.WholeObject;

/**
 * A COCO dataset: {@code annotations/instances_<split>.json} and the images in {@code <split>/}
 * (or {@code images/}, or beside the annotations folder). The class map is the categories in id
 * order; each image's semantic mask paints its annotations largest first (so small objects stay on
 * top), crowd regions as ignore (255) underneath. The sample's object source, what other samples may
 * paste, is its largest single instance of the sample's class that is a {@link WholeObject} (never a
 * crowd region, never several instances together).
 */
final class CocoImporter implements DatasetImporter {
    private final DatasetFiles files;
    private final CocoDataset coco;
    private final String imageDir;
    private final List<String> classes = new ArrayList<>();
    private final Map<Integer, Integer> labelOfCategory = new HashMap<>();
    private final Map<String, CocoDataset.Image> byFile = new HashMap<>();

    private final WholeObject.Criteria whole;

    CocoImporter(DatasetFiles files) {
        this(files, WholeObject.Criteria.defaults());
    }

    CocoImporter(DatasetFiles files, WholeObject.Criteria whole) {
        this.files = files;
        this.whole = whole;
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
        Map<Long, LabelMask> instances = new HashMap<>();
        for (CocoDataset.Annotation a : annotations) {
            Integer label = labelOfCategory.get(a.categoryId());
            if (label == null) {
                throw new InvalidInputException(path + ": annotation " + a.id() + " has category " + a.categoryId()
                        + ", which is not among the categories");
            }
            LabelMask instance = coco.mask(a);
            instances.put(a.id(), instance);
            mask.paint(instance, a.crowd() ? LabelMask.IGNORE : label);
        }
        int dominant = DatasetImporter.dominantLabel(mask);
        if (dominant < 0) {
            throw new InvalidInputException(path + ": no annotated object to build a sample around");
        }
        // the object source: the largest whole instance of the sample's class (annotations are largest first)
        List<String> problems = new ArrayList<>();
        int[] cover = new int[meta.width() * meta.height()];
        instances.values().forEach(m -> {
            byte[] l = m.labels();
            for (int i = 0; i < l.length; i++) {
                cover[i] += l[i] != 0 ? 1 : 0;
            }
        });
        for (CocoDataset.Annotation a : annotations) {
            if (a.crowd() || labelOfCategory.get(a.categoryId()) != dominant) {
                continue;
            }
            LabelMask instance = instances.get(a.id());
            byte[] own = instance.labels(), other = new byte[own.length];
            for (int i = 0; i < own.length; i++) {
                other[i] = cover[i] - (own[i] != 0 ? 1 : 0) > 0 ? (byte) 1 : 0;
            }
            LabelMask others = new LabelMask(meta.width(), meta.height(), other);
            String problem = WholeObject.problem(instance, 1, others, whole);
            if (problem == null) {
                LabelMask object = new LabelMask(meta.width(), meta.height());
                object.paint(instance, dominant);
                return new ImportedImage(path, image, mask, classes.get(dominant - 1), object, null);
            }
            problems.add("annotation " + a.id() + " " + problem);
        }
        String noObject = "no whole " + classes.get(dominant - 1) + " instance to paste"
                + (problems.isEmpty() ? " (only crowd regions)" : ": " + String.join("; ",
                        problems.subList(0, Math.min(3, problems.size())))
                        + (problems.size() > 3 ? "; and " + (problems.size() - 3) + " more" : ""));
        return new ImportedImage(path, image, mask, classes.get(dominant - 1), null, noObject);
    }
}
