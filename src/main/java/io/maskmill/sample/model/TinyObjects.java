package io.maskmill.sample.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The object words the tiny models know, each with a fixed region of the image: the tiny UNet's
 * cross-attention puts a word's probability mass on its region, so tests know in advance where
 * the attention map of a class must light up (and the image shows a coloured shape there).
 */
public final class TinyObjects {
    /** The joint model's classes, in logit-channel order (channel 0 is background). */
    public static final List<String> VOC = List.of("aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car",
            "cat", "chair", "cow", "dining table", "dog", "horse", "motorbike", "person", "potted plant", "sheep",
            "sofa", "train", "tv monitor");
    private static final List<String> EXTRA = List.of("giraffe", "zebra", "elephant", "bear", "laptop", "clock",
            "pizza", "cake", "umbrella", "kite", "banana", "bench");
    private static final Map<String, String> SYNONYMS = Map.of("airplane", "aeroplane", "motorcycle", "motorbike",
            "couch", "sofa", "tv", "tv monitor");
    /** Key dimensions of the tiny models: one per object slot. */
    public static final int SLOTS = 32;

    /** A disk in unit coordinates (0..1 over the image, x right, y down). */
    public record Region(double cx, double cy, double radius) {
        /** Soft indicator: ~1 inside, ~0 outside, a one-latent-pixel wide edge. */
        public double weight(double x, double y) {
            double d = Math.hypot(x - cx, y - cy);
            return 1 / (1 + Math.exp((d - radius) * 40));
        }

        public boolean contains(double x, double y) {
            return Math.hypot(x - cx, y - cy) <= radius;
        }
    }

    private TinyObjects() {
    }

    /** Object phrases in slot order. */
    public static List<String> phrases() {
        return java.util.stream.Stream.concat(VOC.stream(), EXTRA.stream()).toList();
    }

    /** Every word that gets its own token, mapped to its slot (synonyms share their phrase's slot). */
    static Map<String, Integer> wordSlots() {
        Map<String, Integer> slots = new LinkedHashMap<>();
        List<String> phrases = phrases();
        for (int slot = 0; slot < phrases.size(); slot++) {
            for (String word : phrases.get(slot).split(" ")) {
                slots.put(word, slot);
            }
        }
        // sorted: Map.of's iteration order changes from JVM to JVM, and the vocabulary must not
        new java.util.TreeMap<>(SYNONYMS).forEach((word, phrase) -> {
            if (!word.equals(phrase) && !slots.containsKey(word)) {
                slots.put(word, phrases.indexOf(phrase));
            }
        });
        return slots;
    }

    /** The slot of an object phrase or synonym; -1 when the tiny models do not know it. */
    public static int slotOf(String phrase) {
        String p = phrase.toLowerCase(Locale.ROOT).trim();
        p = SYNONYMS.getOrDefault(p, p);
        return phrases().indexOf(p);
    }

    /** Where the attention of {@code phrase}'s tokens goes. */
    public static Region regionOf(String phrase) {
        int slot = slotOf(phrase);
        if (slot < 0) {
            throw new IllegalArgumentException("the tiny models know no object '" + phrase + "'");
        }
        return region(slot);
    }

    static Region region(int slot) {
        double cx = 0.32 + 0.36 * frac(slot * 0.618034);
        double cy = 0.32 + 0.36 * frac(slot * 0.381966 + 0.5);
        return new Region(cx, cy, 0.18 + 0.04 * (slot % 3));
    }

    /** The object's colour, RGB in [-1, 1]: hues spread by the golden ratio. */
    static float[] color(int slot) {
        double h = frac(slot * 0.618034 + 0.1) * 6;
        double s = 0.8;
        double v = 0.9;
        double c = v * s;
        double x = c * (1 - Math.abs(h % 2 - 1));
        double[] rgb = switch ((int) h) {
            case 0 -> new double[] { c, x, 0 };
            case 1 -> new double[] { x, c, 0 };
            case 2 -> new double[] { 0, c, x };
            case 3 -> new double[] { 0, x, c };
            case 4 -> new double[] { x, 0, c };
            default -> new double[] { c, 0, x };
        };
        double m = v - c;
        return new float[] { (float) (2 * (rgb[0] + m) - 1), (float) (2 * (rgb[1] + m) - 1), (float) (2 * (rgb[2] + m) - 1) };
    }

    /**
     * The joint model's annotation code of VOC class {@code index} (0-based): vertices of the
     * 24-cell (permutations of (±1, ±1, 0, 0)) scaled to length 2, at least 60° apart.
     */
    static float[] annotationCode(int index) {
        int found = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = i + 1; j < 4; j++) {
                for (int signs = 0; signs < 4; signs++) {
                    if (found++ == index) {
                        float[] code = new float[4];
                        code[i] = (signs & 1) == 0 ? (float) Math.sqrt(2) : (float) -Math.sqrt(2);
                        code[j] = (signs & 2) == 0 ? (float) Math.sqrt(2) : (float) -Math.sqrt(2);
                        return code;
                    }
                }
            }
        }
        throw new IllegalArgumentException("no annotation code " + index);
    }

    private static double frac(double v) {
        return v - Math.floor(v);
    }
}
