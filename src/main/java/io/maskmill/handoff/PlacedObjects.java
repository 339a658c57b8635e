package io.maskmill.handoff;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.maskmill.events.InvalidInputException;

/**
 * {@code place/objects.json}: the objects place pasted into a sample (place writes it, export reads it
 * into COCO instances). Each has its class and label, the sample it was cut from, its box, the
 * placement's scale, score and occlusion, its visible area and box, and its exact instance mask as
 * COCO RLE. Readers also take {@code class}, {@code source} and {@code rle}/{@code mask}, and a bare
 * array of objects, as files written by hand for augment do.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlacedObjects(List<Placed> objects, String reason) {
    public static final String FILE = "objects.json";

    /** @param box {@code [x, y, w, h]} of the pasted cut-out; {@code bbox} the same of its visible pixels */
    public record Placed(int index, @JsonAlias("class") String className, int label,
            @JsonAlias("source") String sourceSample, int[] box, double scale, double score, double occlusion, int area,
            int[] bbox, @JsonAlias({ "rle", "mask" }) Segmentation segmentation) {
    }

    /** COCO RLE: {@code size} is {@code [h, w]}; {@code counts} the compressed string or an array of runs. */
    public record Segmentation(int[] size, JsonNode counts) {
    }

    public PlacedObjects {
        if (objects == null) {
            throw new InvalidInputException("expected an array of pasted objects");
        }
        objects = List.copyOf(objects);
    }

    public byte[] bytes() {
        return HandoffJson.writePretty(this);
    }

    /** @param file the file's name or URI, for messages */
    public static PlacedObjects read(byte[] bytes, String file) {
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).stripLeading();
        if (text.startsWith("[")) {
            bytes = ("{\"objects\":" + text + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return HandoffJson.read(bytes, PlacedObjects.class, file);
    }
}
