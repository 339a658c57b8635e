package io.maskmill.place;

import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

/**
 * The image being edited: composite colours, semantic mask, the pasted-objects map, and who occupies
 * each pixel — for the occlusion limit. Regions: each class of the background's own mask is one region
 * (its label), each pasted object another (255 + its index); ignore pixels (255) belong to none.
 * Occlusion of a region = its pixels hidden by pasted objects / its pixels before any paste.
 */
final class Scene {
    /** Pasted-map value of pixels an object touched (outer feather, α &lt; ½) that belong to no pasted object. */
    static final int TOUCHED = LabelMask.IGNORE;

    private final int width;
    private final int height;
    private final float[] rgb;
    private final byte[] semantic;
    private final byte[] pasted;
    private final short[] region;
    private final int[] regionArea;
    private final int[] regionHidden;
    private final int[] hits;
    private final int[] occupiedIntegral;
    private int objects;

    /** Copies of {@code image} and {@code mask} (same size) become the scene; room for maxObjects pastes. */
    Scene(RgbImage image, LabelMask mask, int maxObjects) {
        width = image.width();
        height = image.height();
        rgb = image.pixels().clone();
        semantic = mask.labels().clone();
        pasted = new byte[semantic.length];
        region = new short[semantic.length];
        int regions = LabelMask.IGNORE + maxObjects + 1;
        regionArea = new int[regions];
        regionHidden = new int[regions];
        hits = new int[regions];
        for (int i = 0; i < semantic.length; i++) {
            int label = semantic[i] & 0xFF;
            if (LabelMask.isObject(label)) {
                region[i] = (short) label;
                regionArea[label]++;
            }
        }
        occupiedIntegral = new int[(width + 1) * (height + 1)];
        updateIntegral();
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** Number of objects pasted so far. */
    int objects() {
        return objects;
    }

    /** Occupied (region) pixels in the half-open box [x0, x1) × [y0, y1), from the summed-area table. */
    int occupiedIn(int x0, int y0, int x1, int y1) {
        int w1 = width + 1;
        return occupiedIntegral[y1 * w1 + x1] - occupiedIntegral[y0 * w1 + x1]
                - occupiedIntegral[y1 * w1 + x0] + occupiedIntegral[y0 * w1 + x0];
    }

    /**
     * The largest occlusion (cumulative, 0..1) any existing region would suffer if {@code object}'s box
     * were placed with its top-left at (x, y); stops early once above {@code limit}.
     */
    double occlusionIfPlaced(ScaledCutOut object, int x, int y, double limit) {
        if (occupiedIn(x, y, x + object.width(), y + object.height()) == 0) {
            return 0;
        }
        byte[] mask = object.mask();
        int cw = object.canvasWidth(), m = object.margin();
        int[] touched = new int[16];
        int nTouched = 0;
        double worst = 0;
        try {
            for (int v = 0; v < object.height(); v++) {
                int row = (y + v) * width + x, canvasRow = (v + m) * cw + m;
                for (int u = 0; u < object.width(); u++) {
                    if (mask[canvasRow + u] == 0) {
                        continue;
                    }
                    int r = region[row + u];
                    if (r == 0) {
                        continue;
                    }
                    if (hits[r]++ == 0) {
                        if (nTouched == touched.length) {
                            touched = java.util.Arrays.copyOf(touched, nTouched * 2);
                        }
                        touched[nTouched++] = r;
                    }
                    double occlusion = (double) (regionHidden[r] + hits[r]) / regionArea[r];
                    if (occlusion > worst) {
                        worst = occlusion;
                        if (worst > limit) {
                            return worst;
                        }
                    }
                }
            }
            return worst;
        } finally {
            for (int i = 0; i < nTouched; i++) {
                hits[touched[i]] = 0;
            }
        }
    }

    /**
     * Pastes {@code object} with its matte, top-left of its box at (x, y) (box inside the scene): colours
     * blended by α, semantic label {@code label} and pasted index where α ≥ ½ (the mask), outer feather
     * pixels marked {@link #TOUCHED} in the pasted map where they were scene. Returns the object's index (1-based).
     */
    int paste(ScaledCutOut object, int x, int y, int label) {
        int index = ++objects;
        int objectRegion = LabelMask.IGNORE + index;
        int m = object.margin(), cw = object.canvasWidth(), ch = object.canvasHeight();
        byte[] mask = object.mask();
        float[] alpha = object.alpha(), colours = object.rgb();
        for (int cy = 0; cy < ch; cy++) {
            int py = y + cy - m;
            if (py < 0 || py >= height) {
                continue; // the outer feather ring may reach past the image edge; the box never does
            }
            for (int cx = 0; cx < cw; cx++) {
                int px = x + cx - m;
                int c = cy * cw + cx;
                float a = alpha[c];
                if (px < 0 || px >= width || a <= 0f) {
                    continue;
                }
                int p = py * width + px;
                int i3 = 3 * p, c3 = 3 * c;
                rgb[i3] += a * (colours[c3] - rgb[i3]);
                rgb[i3 + 1] += a * (colours[c3 + 1] - rgb[i3 + 1]);
                rgb[i3 + 2] += a * (colours[c3 + 2] - rgb[i3 + 2]);
                if (mask[c] != 0) {
                    semantic[p] = (byte) label;
                    pasted[p] = (byte) index;
                    int previous = region[p];
                    if (previous != 0) {
                        regionHidden[previous]++;
                    }
                    region[p] = (short) objectRegion;
                    regionArea[objectRegion]++;
                } else if (pasted[p] == 0) {
                    pasted[p] = (byte) TOUCHED;
                }
            }
        }
        updateIntegral();
        return index;
    }

    private void updateIntegral() {
        int w1 = width + 1;
        for (int y = 0; y < height; y++) {
            int sum = 0, row = y * width, out = (y + 1) * w1, above = y * w1;
            for (int x = 0; x < width; x++) {
                sum += region[row + x] != 0 ? 1 : 0;
                occupiedIntegral[out + x + 1] = occupiedIntegral[above + x + 1] + sum;
            }
        }
    }

    RgbImage image() {
        return new RgbImage(width, height, rgb.clone());
    }

    LabelMask semanticMask() {
        return new LabelMask(width, height, semantic.clone());
    }

    /** 0 scene, i the i-th pasted object (visible pixels), 255 touched by a paste's outer feather only. */
    LabelMask pastedMask() {
        return new LabelMask(width, height, pasted.clone());
    }
}
