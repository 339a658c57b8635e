package io.maskmill.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Builds a COCO instances file: categories in class-map order with ids index + 1 (the label values
 * of the masks), one image per sample, one annotation per visible instance, RLE segmentations in
 * COCO's compressed string form. Images and annotations are numbered from 1 in export order.
 */
final class CocoWriter {
    private final ByteArrayOutputStream images = new ByteArrayOutputStream();
    private final ByteArrayOutputStream annotations = new ByteArrayOutputStream();
    private final JsonGenerator imageJson;
    private final JsonGenerator annotationJson;
    private final List<String> classes;
    private int imageCount;
    private int annotationCount;

    CocoWriter(List<String> classes) {
        this.classes = classes;
        try {
            JsonFactory factory = new JsonFactory();
            imageJson = factory.createGenerator(images, JsonEncoding.UTF8);
            annotationJson = factory.createGenerator(annotations, JsonEncoding.UTF8);
            imageJson.writeStartArray();
            annotationJson.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds an image and its instances; returns the image's COCO id. */
    int add(String fileName, int width, int height, List<Instance> instances) {
        int imageId = ++imageCount;
        try {
            imageJson.writeStartObject();
            imageJson.writeNumberField("id", imageId);
            imageJson.writeStringField("file_name", fileName);
            imageJson.writeNumberField("width", width);
            imageJson.writeNumberField("height", height);
            imageJson.writeEndObject();
            for (Instance instance : instances) {
                annotationJson.writeStartObject();
                annotationJson.writeNumberField("id", ++annotationCount);
                annotationJson.writeNumberField("image_id", imageId);
                annotationJson.writeNumberField("category_id", instance.label());
                annotationJson.writeObjectFieldStart("segmentation");
                annotationJson.writeArrayFieldStart("size");
                annotationJson.writeNumber(height);
                annotationJson.writeNumber(width);
                annotationJson.writeEndArray();
                annotationJson.writeStringField("counts", instance.rle());
                annotationJson.writeEndObject();
                annotationJson.writeNumberField("area", instance.area());
                annotationJson.writeArrayFieldStart("bbox");
                annotationJson.writeNumber(instance.box().x0());
                annotationJson.writeNumber(instance.box().y0());
                annotationJson.writeNumber(instance.box().width());
                annotationJson.writeNumber(instance.box().height());
                annotationJson.writeEndArray();
                annotationJson.writeNumberField("iscrowd", 0);
                annotationJson.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return imageId;
    }

    int images() {
        return imageCount;
    }

    int annotations() {
        return annotationCount;
    }

    /** The whole file; call once. */
    byte[] finish(String description) {
        try {
            imageJson.writeEndArray();
            annotationJson.writeEndArray();
            imageJson.flush();
            annotationJson.flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream(images.size() + annotations.size() + 4096);
            try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
                g.writeStartObject();
                g.writeObjectFieldStart("info");
                g.writeStringField("description", description);
                g.writeStringField("version", "1.0");
                g.writeEndObject();
                g.writeArrayFieldStart("licenses");
                g.writeEndArray();
                g.writeArrayFieldStart("categories");
                for (int i = 0; i < classes.size(); i++) {
                    g.writeStartObject();
                    g.writeNumberField("id", i + 1);
                    g.writeStringField("name", classes.get(i));
                    g.writeStringField("supercategory", "object");
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeFieldName("images");
                g.writeRawValue(images.toString(StandardCharsets.UTF_8));
                g.writeFieldName("annotations");
                g.writeRawValue(annotations.toString(StandardCharsets.UTF_8));
                g.writeEndObject();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
