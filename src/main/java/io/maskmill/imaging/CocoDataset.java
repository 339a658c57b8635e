package io.maskmill.imaging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maskmill.events.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A COCO instances file ({@code instances_*.json}): images, categories and annotations. The file is
 * streamed with Jackson's parser; only one array element at a time is held as a tree, so a 450 MB
 * train2017 file costs the records, not a document tree. Other top-level keys (info, licenses) are skipped.
 */
public final class CocoDataset {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public record Image(long id, String fileName, int width, int height) {
    }

    public record Category(int id, String name, String supercategory) {
    }

    /** {@code bbox} is COCO's [x, y, width, height] in pixels. */
    public record Annotation(long id, long imageId, int categoryId, double area, double[] bbox, boolean crowd,
                             Segmentation segmentation) {
    }

    /** An object's shape: polygons or run-length encoding. */
    public sealed interface Segmentation permits Polygons, Rle {
        /** Binary (0/1) mask at the image size. */
        LabelMask toMask(int width, int height);
    }

    /** One or more polygons {@code [x0, y0, x1, y1, ...]}, united. */
    public record Polygons(List<double[]> polygons) implements Segmentation {
        @Override
        public LabelMask toMask(int width, int height) {
            return io.maskmill.imaging.Polygons.rasterize(polygons, width, height);
        }
    }

    /** Run-length encoding, counts already decompressed if the file had the string form. */
    public record Rle(int height, int width, int[] counts) implements Segmentation {
        @Override
        public LabelMask toMask(int width, int height) {
            if (width != this.width || height != this.height) {
                throw new IllegalArgumentException("RLE is " + this.width + "x" + this.height
                        + " but the image is " + width + "x" + height);
            }
            return CocoRle.decode(counts, width, height);
        }
    }

    private final List<Image> images;
    private final List<Category> categories;
    private final List<Annotation> annotations;
    private final Map<Long, Image> imagesById = new HashMap<>();
    private final Map<Long, List<Annotation>> annotationsByImage = new HashMap<>();

    public CocoDataset(List<Image> images, List<Category> categories, List<Annotation> annotations) {
        this.images = List.copyOf(images);
        this.categories = List.copyOf(categories);
        this.annotations = List.copyOf(annotations);
        for (Image image : this.images) {
            imagesById.put(image.id(), image);
        }
        for (Annotation a : this.annotations) {
            annotationsByImage.computeIfAbsent(a.imageId(), k -> new ArrayList<>()).add(a);
        }
    }

    public static CocoDataset read(Path json) {
        try (InputStream in = Files.newInputStream(json)) {
            return read(in, json.toString());
        } catch (IOException e) {
            throw new InvalidInputException(json + ": cannot read COCO file (" + e.getMessage() + ")", e);
        }
    }

    /** Parses an instances JSON; {@code source} names it in error messages. */
    public static CocoDataset read(InputStream in, String source) {
        List<Image> images = new ArrayList<>();
        List<Category> categories = new ArrayList<>();
        List<Annotation> annotations = new ArrayList<>();
        try (JsonParser parser = new JsonFactory(MAPPER).createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidInputException(source + ": a COCO file must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "images" -> readArray(parser, source, field, n -> images.add(image(n)));
                    case "categories" -> readArray(parser, source, field, n -> categories.add(category(n)));
                    case "annotations" -> readArray(parser, source, field, n -> annotations.add(annotation(n)));
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(source + ": malformed or unreadable JSON (" + e.getMessage() + ")", e);
        }
        CocoDataset dataset = new CocoDataset(images, categories, annotations);
        for (Annotation a : annotations) {
            if (!dataset.imagesById.containsKey(a.imageId())) {
                throw new InvalidInputException(source + ": annotation " + a.id() + " refers to image " + a.imageId()
                        + ", which is not in images");
            }
        }
        return dataset;
    }

    private interface ElementReader {
        void read(JsonNode node);
    }

    private static void readArray(JsonParser parser, String source, String field, ElementReader reader) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new InvalidInputException(source + ": '" + field + "' must be an array");
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonNode node = MAPPER.readTree(parser);
            try {
                reader.read(node);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source + ": " + field + "[" + index + "]"
                        + (node.has("id") ? " (id " + node.get("id").asText() + ")" : "") + ": " + e.getMessage(), e);
            }
            index++;
        }
    }

    private static Image image(JsonNode n) {
        return new Image(longField(n, "id"), textField(n, "file_name"), positiveInt(n, "width"), positiveInt(n, "height"));
    }

    private static Category category(JsonNode n) {
        return new Category((int) longField(n, "id"), textField(n, "name"),
                n.path("supercategory").asText(""));
    }

    private static Annotation annotation(JsonNode n) {
        JsonNode bboxNode = n.path("bbox");
        double[] bbox = new double[4];
        if (bboxNode.isArray() && bboxNode.size() == 4) {
            for (int i = 0; i < 4; i++) {
                bbox[i] = bboxNode.get(i).asDouble();
            }
        }
        return new Annotation(longField(n, "id"), longField(n, "image_id"), (int) longField(n, "category_id"),
                n.path("area").asDouble(0), bbox, n.path("iscrowd").asInt(0) == 1, segmentation(n.get("segmentation")));
    }

    private static Segmentation segmentation(JsonNode s) {
        if (s == null || s.isNull()) {
            throw new IllegalArgumentException("segmentation is missing");
        }
        if (s.isArray()) {
            List<double[]> polygons = new ArrayList<>(s.size());
            for (JsonNode p : s) {
                if (!p.isArray() || p.size() < 6 || p.size() % 2 != 0) {
                    throw new IllegalArgumentException("segmentation polygon must be an array of an even number (>= 6) "
                            + "of coordinates, got " + (p.isArray() ? p.size() + " values" : p.getNodeType()));
                }
                double[] xy = new double[p.size()];
                for (int i = 0; i < xy.length; i++) {
                    xy[i] = p.get(i).asDouble();
                }
                polygons.add(xy);
            }
            return new Polygons(polygons);
        }
        JsonNode size = s.path("size");
        JsonNode counts = s.path("counts");
        if (!size.isArray() || size.size() != 2) {
            throw new IllegalArgumentException("RLE segmentation needs size [height, width]");
        }
        int height = size.get(0).asInt(), width = size.get(1).asInt();
        int[] runs = CocoRle.runs(counts);
        return new Rle(height, width, runs);
    }

    private static long longField(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("'" + name + "' must be an integer");
        }
        return v.asLong();
    }

    private static int positiveInt(JsonNode n, String name) {
        long v = longField(n, name);
        if (v <= 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + name + "' must be positive, got " + v);
        }
        return (int) v;
    }

    private static String textField(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("'" + name + "' must be a string");
        }
        return v.asText();
    }

    public List<Image> images() {
        return images;
    }

    public List<Category> categories() {
        return categories;
    }

    public List<Annotation> annotations() {
        return annotations;
    }

    /** The image with this id; an exception naming the id when there is none. */
    public Image image(long id) {
        Image image = imagesById.get(id);
        if (image == null) {
            throw new IllegalArgumentException("no image with id " + id);
        }
        return image;
    }

    public List<Annotation> annotationsOf(long imageId) {
        return Collections.unmodifiableList(annotationsByImage.getOrDefault(imageId, List.of()));
    }

    /** Binary (0/1) mask of one annotation at its image's size. */
    public LabelMask mask(Annotation annotation) {
        Image image = image(annotation.imageId());
        return annotation.segmentation().toMask(image.width(), image.height());
    }
}
