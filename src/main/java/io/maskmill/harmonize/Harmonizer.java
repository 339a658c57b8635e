package io.maskmill.harmonize;

import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

/**
 * Makes a pasted object take on the scene's colour and light. The contract every implementation
 * (the built-in {@link BoundaryHarmonizer} and {@link RainHarmonizer}, an ONNX model) keeps:
 * <ul>
 *   <li>{@code foreground} has the composite's size, else {@link io.maskmill.events.InvalidInputException};</li>
 *   <li>labels 1..254 are the pasted object, 0 is the scene, 255 is neither (not changed, not used for statistics);</li>
 *   <li>the mask is never changed, and pixels outside the object are returned as they came in;</li>
 *   <li>the composite passed in is not modified; when nothing can be done the result says why
 *       ({@link HarmonizationResult#passedThrough}) and carries the composite unchanged.</li>
 * </ul>
 */
public interface Harmonizer {
    /** Identifies the method and its settings in event parameters (e.g. "rain-adain(strength=1.0,...)"). */
    String id();

    HarmonizationResult harmonize(RgbImage composite, LabelMask foreground);
}
