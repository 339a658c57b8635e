package io.maskmill.export;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.InvalidInputException;
import io.maskmill.imaging.Box;
import io.maskmill.imaging.CocoRle;
import io.maskmill.imaging.LabelMask;

/**
 * Reads the place stage's {@code objects.json}: a JSON array (or {@code {"objects": [...]}}) of
 * {@code {"class": "dog", "source": "s000004", "box": [x, y, w, h], "rle": {"size": [h, w], "counts": ...}}},
 * counts as COCO's compressed string or an array of runs. {@code className}/{@code sourceSample} and
 * {@code segmentation}/{@code mask} are accepted as synonyms.
 */
final class ObjectsFile {
    private ObjectsFile() {
    }

    static List<PastedObject> read(byte[] bytes, String file, int width, int height, List<String> classes,
            ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not valid JSON (" + JobReader.firstLine(e.getMessage()) + ")", e);
        }
        JsonNode list = root != null && root.isObject() ? root.path("objects") : root;
        if (list == null || !list.isArray()) {
            throw new InvalidInputException(file + ": expected an array of pasted objects");
        }
        List<PastedObject> objects = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            try {
                objects.add(object(list.get(i), width, height, classes));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(file + ": object " + i + ": " + e.getMessage(), e);
            }
        }
        return objects;
    }

    private static PastedObject object(JsonNode o, int width, int height, List<String> classes) {
        String className = first(o, "class", "className").asText(null);
        if (className == null || !classes.contains(className)) {
            throw new IllegalArgumentException("class '" + className + "' is not in the class map " + classes);
        }
        JsonNode box = o.path("box");
        if (!box.isArray() || box.size() != 4) {
            throw new IllegalArgumentException("box must be [x, y, w, h]");
        }
        int x = box.get(0).asInt(), y = box.get(1).asInt();
        Box b = new Box(x, y, x + box.get(2).asInt(), y + box.get(3).asInt());
        JsonNode rle = first(o, "rle", "segmentation", "mask");
        JsonNode size = rle.path("size");
        if (!size.isArray() || size.size() != 2 || size.get(0).asInt() != height || size.get(1).asInt() != width) {
            throw new IllegalArgumentException("instance mask size " + size + " is not the image's [" + height + ", "
                    + width + "]");
        }
        JsonNode counts = rle.path("counts");
        int[] runs = CocoRle.runs(counts);
        LabelMask mask = CocoRle.decode(runs, width, height);
        return new PastedObject(className, first(o, "source", "sourceSample").asText(""), b, mask);
    }

    private static JsonNode first(JsonNode o, String... names) {
        for (String name : names) {
            if (o.has(name)) {
                return o.get(name);
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
