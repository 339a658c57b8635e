package io.maskmill.place;

/**
 * The placement heatmap F_h of Eq. 4: for one object, a score per candidate centre and scale. Three
 * implementations: {@link ContextScorer} (no model, the default), {@link BuiltinScorer} (no model, free
 * space; the default before) and an ONNX FOPA model (loaded through
 * {@link PlacementModelLoader}; its tensor contract is {@link FopaInputs}). Whatever the scorer says,
 * the placer itself keeps every box inside the image and the occlusion limit.
 */
public interface PlacementScorer {
    /** Recorded in the output event's params ({@code builtin}, or the model's id). */
    String id();

    /** One map per scale of {@code query.scales()} (null for unusable scales), higher = better. */
    ScoreMaps score(PlacementQuery query);
}
