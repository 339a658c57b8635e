package io.maskmill.place;

import java.util.List;

import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

/**
 * The edited sample.
 *
 * @param composite the image with the objects pasted (the background itself when none was)
 * @param mask      the semantic mask: pasted objects' classes where their matte is ≥ ½, the background's labels elsewhere
 * @param pasted    0 scene, i the i-th pasted object's visible pixels, 255 pixels only an outer feather touched
 * @param objects   what was pasted, in order
 * @param reasons   why objects were skipped (or the whole sample passed on unedited); empty if all were placed
 * @param heatmap   the debug overlay (heatmaps, peaks, chosen boxes), or null when not asked for
 */
public record PlaceResult(RgbImage composite, LabelMask mask, LabelMask pasted, List<PlacedObject> objects,
                          List<String> reasons, RgbImage heatmap, SceneCues cues) {
    public String reason() {
        return String.join("; ", reasons);
    }
}
