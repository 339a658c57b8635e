package io.maskmill.export;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.InvalidInputException;
import io.maskmill.handoff.PlacedObjects;
import io.maskmill.imaging.Box;
import io.maskmill.imaging.CocoRle;
import io.maskmill.imaging.LabelMask;

/**
 * Reads the place stage's {@code objects.json} (through its one codec, {@link PlacedObjects}) into the
 * objects export splits instances by: a JSON array (or {@code {"objects": [...]}}) of
 * {@code {"class": "dog", "source": "s000004", "box": [x, y, w, h], "rle": {"size": [h, w], "counts": ...}}},
 * counts as COCO's compressed string or an array of runs. {@code className}/{@code sourceSample} and
 * {@code segmentation}/{@code mask} are accepted as synonyms.
 */
final class ObjectsFile {
    private ObjectsFile() {
    }

    static List<PastedObject> read(byte[] bytes, String file, int width, int height, List<String> classes,
            ObjectMapper json) {
        PlacedObjects placed = PlacedObjects.read(bytes, file);
        List<PastedObject> objects = new ArrayList<>(placed.objects().size());
        for (int i = 0; i < placed.objects().size(); i++) {
            try {
                objects.add(object(placed.objects().get(i), width, height, classes));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(file + ": object " + i + ": " + e.getMessage(), e);
            }
        }
        return objects;
    }

    private static PastedObject object(PlacedObjects.Placed o, int width, int height, List<String> classes) {
        String className = o.className();
        if (className == null || !classes.contains(className)) {
            throw new IllegalArgumentException("class '" + className + "' is not in the class map " + classes);
        }
        int[] box = o.box();
        if (box == null || box.length != 4) {
            throw new IllegalArgumentException("box must be [x, y, w, h]");
        }
        Box b = new Box(box[0], box[1], box[0] + box[2], box[1] + box[3]);
        int[] size = o.segmentation() == null ? null : o.segmentation().size();
        if (size == null || size.length != 2 || size[0] != height || size[1] != width) {
            throw new IllegalArgumentException("instance mask size " + java.util.Arrays.toString(size)
                    + " is not the image's [" + height + ", " + width + "]");
        }
        int[] runs = CocoRle.runs(o.segmentation().counts());
        LabelMask mask = CocoRle.decode(runs, width, height);
        return new PastedObject(className, o.sourceSample() == null ? "" : o.sourceSample(), b, mask);
    }
}
