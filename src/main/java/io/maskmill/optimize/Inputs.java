package io.maskmill.optimize;

import java.net.URI;
import java.net.URISyntaxException;

import io.maskmill.events.InvalidInputException;
import io.maskmill.events.SampleGenerated;
import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.FloatMaps;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.RgbImage;
import io.maskmill.store.ArtifactStore;

/**
 * A sample's inputs, read and checked: every problem is an {@link InvalidInputException} whose message
 * names the artifact and says what is wrong with it.
 *
 * @param attention     the cross-attention at the image size, min-max normalised (null in logits mode)
 * @param selfAttention optional
 * @param logits        joint mode's C+1 channels at the image size, or null
 */
record Inputs(RgbImage image, FloatMap attention, SelfAttention selfAttention, FloatMaps.Planes logits) {

    static Inputs load(ArtifactStore store, SampleGenerated event) {
        RgbImage image = Images.readRgb(fetch(store, event, "image"), "image");
        if (event.artifacts().containsKey("logits")) {
            FloatMaps.Planes logits = FloatMaps.read(fetch(store, event, "logits"), "logits");
            int expected = event.sample().classes().size() + 1;
            if (logits.channels() != expected) {
                throw new InvalidInputException("logits: " + logits.channels() + " channels, but the class map "
                        + event.sample().classes() + " needs " + expected + " (background + " + (expected - 1) + ")");
            }
            requireFinite(logits.values(), "logits");
            requireImageShape(logits.width(), logits.height(), image, "logits");
            return new Inputs(image, null, null, atImageSize(logits, image));
        }
        FloatMaps.Planes planes = FloatMaps.read(fetch(store, event, "attention"), "attention");
        if (planes.channels() != 1) {
            throw new InvalidInputException("attention: a cross-attention map has 1 channel, this one has " + planes.channels());
        }
        requireFinite(planes.values(), "attention");
        requireImageShape(planes.width(), planes.height(), image, "attention");
        FloatMap attention = planes.plane(0).resizeBilinear(image.width(), image.height());
        float[] a = attention.values();
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float v : a) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (!(max - min > 1e-12f)) {
            throw new InvalidInputException("attention: the map is constant (every value " + min
                    + "): it locates nothing");
        }
        SelfAttentionPropagation.normaliseMinMax(a);
        SelfAttention self = event.artifacts().containsKey("selfAttention")
                ? selfAttention(FloatMaps.read(fetch(store, event, "selfAttention"), "selfAttention"), image) : null;
        return new Inputs(image, attention, self, null);
    }

    private static byte[] fetch(ArtifactStore store, SampleGenerated event, String name) {
        String uri = event.artifacts().get(name);
        if (uri == null || uri.isBlank()) {
            throw new InvalidInputException("the event names no '" + name + "' artifact (has " + event.artifacts().keySet() + ")");
        }
        try {
            return store.get(new URI(uri));
        } catch (URISyntaxException e) {
            throw new InvalidInputException(name + ": '" + uri + "' is not a URI (" + e.getMessage() + ")");
        } catch (io.maskmill.store.NoSuchArtifactException e) {
            throw new InvalidInputException(name + ": " + e.getMessage());
        }
    }

    private static void requireFinite(float[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidInputException(name + ": value " + values[i] + " at index " + i
                        + " (NaN or infinite values are not a map)");
            }
        }
    }

    /** Not larger than the image, and of the same aspect ratio (to a cell's rounding). */
    private static void requireImageShape(int w, int h, RgbImage image, String name) {
        boolean sameAspect = Math.abs((double) w / h - (double) image.width() / image.height())
                <= (double) image.width() / image.height() / Math.min(w, h);
        if (w > image.width() || h > image.height() || !sameAspect) {
            throw new InvalidInputException(name + ": map is " + w + "x" + h + ", which does not fit the "
                    + image.width() + "x" + image.height() + " image (it must be the image's aspect ratio, at most its size)");
        }
    }

    /** N×N, with N = w·h for a w×h grid of the image's aspect ratio; rows finite. */
    private static SelfAttention selfAttention(FloatMaps.Planes planes, RgbImage image) {
        int n = planes.width();
        if (planes.channels() != 1 || planes.height() != n) {
            throw new InvalidInputException("selfAttention: must be N×N with 1 channel, is " + planes.width() + "x"
                    + planes.height() + "x" + planes.channels());
        }
        requireFinite(planes.values(), "selfAttention");
        int h = (int) Math.round(Math.sqrt((double) n * image.height() / image.width()));
        int w = h == 0 ? 0 : n / h;
        if (h == 0 || w * h != n) {
            throw new InvalidInputException("selfAttention: N = " + n + " is not the size of a grid with the "
                    + image.width() + "x" + image.height() + " image's aspect ratio");
        }
        requireImageShape(w, h, image, "selfAttention");
        return new SelfAttention(w, h, planes.values());
    }

    private static FloatMaps.Planes atImageSize(FloatMaps.Planes p, RgbImage image) {
        int w = image.width(), h = image.height();
        if (p.width() == w && p.height() == h) return p;
        float[] out = new float[p.channels() * w * h];
        for (int c = 0; c < p.channels(); c++) {
            System.arraycopy(p.plane(c).resizeBilinear(w, h).values(), 0, out, c * w * h, w * h);
        }
        return new FloatMaps.Planes(w, h, p.channels(), out);
    }
}
