package io.maskmill.place;

import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

/**
 * What a scorer gets for one object: the scene as it is now (earlier objects already pasted), the
 * cut-out, its class, the sizes to score and the scene cues the built-in scorer uses (a model may
 * ignore them).
 */
public final class PlacementQuery {
    private final Scene scene;
    private final CutOut object;
    private final String className;
    private final Scales scales;
    private final SceneCues cues;
    private final java.util.List<String> classes;

    PlacementQuery(Scene scene, CutOut object, String className, Scales scales, SceneCues cues) {
        this(scene, object, className, scales, cues, java.util.List.of());
    }

    /** @param classes the job's class map: label i + 1 of {@link #mask()} is classes[i] */
    PlacementQuery(Scene scene, CutOut object, String className, Scales scales, SceneCues cues,
            java.util.List<String> classes) {
        this.classes = classes;
        this.scene = scene;
        this.object = object;
        this.className = className;
        this.scales = scales;
        this.cues = cues;
    }

    /** A copy of the current composite (W×H). */
    public RgbImage composite() {
        return scene.image();
    }

    /** A copy of the current semantic mask (W×H). */
    public LabelMask mask() {
        return scene.semanticMask();
    }

    public int width() {
        return scene.width();
    }

    public int height() {
        return scene.height();
    }

    public CutOut object() {
        return object;
    }

    public String className() {
        return className;
    }

    public Scales scales() {
        return scales;
    }

    public SceneCues cues() {
        return cues;
    }

    /** The job's class map (label i + 1 is element i); empty when unknown. */
    public java.util.List<String> classes() {
        return classes;
    }

    Scene scene() {
        return scene;
    }
}
