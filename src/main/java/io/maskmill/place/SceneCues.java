package io.maskmill.place;

/**
 * What the built-in scorer reads off the background once per sample.
 *
 * @param horizonRow  estimated horizon (pixel row); objects should stand below it
 * @param horizonSeen true if found in the image, false if the configured fallback fraction was used
 * @param sizeAnchor  ln r_scene − μ_class of the background's own object (how much bigger or smaller than
 *                    typical the scene's object appears: a close-up shifts every pasted object's expected size
 *                    the same way); 0 when the background has no object of its class
 */
public record SceneCues(int horizonRow, boolean horizonSeen, double sizeAnchor) {
}
