package io.maskmill.imaging;

import java.util.Arrays;
import java.util.List;

/**
 * Polygon rasterisation with COCO's convention: pixel (x, y) is sampled at the point (x, y) (pycocotools
 * puts pixel centres on integer coordinates), edges are half-open, so an axis-aligned polygon from 0 to 10
 * covers exactly pixels 0..9. Several polygons (one object split by occlusion) are united.
 */
public final class Polygons {
    private Polygons() {
    }

    /** Binary (0/1) mask of the union of {@code polygons}, each {@code [x0, y0, x1, y1, ...]} with ≥ 3 points. */
    public static LabelMask rasterize(List<double[]> polygons, int width, int height) {
        LabelMask mask = new LabelMask(width, height);
        for (double[] polygon : polygons) {
            fill(polygon, mask);
        }
        return mask;
    }

    /** Sets to 1 the pixels of {@code mask} inside {@code polygon} (even-odd rule). */
    public static void fill(double[] polygon, LabelMask mask) {
        if (polygon.length < 6 || polygon.length % 2 != 0) {
            throw new IllegalArgumentException("a polygon needs an even number of coordinates, at least 6, got "
                    + polygon.length);
        }
        int points = polygon.length / 2, w = mask.width(), h = mask.height();
        double minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < points; i++) {
            minY = Math.min(minY, polygon[2 * i + 1]);
            maxY = Math.max(maxY, polygon[2 * i + 1]);
        }
        byte[] labels = mask.labels();
        double[] crossings = new double[points];
        for (int y = Math.max(0, (int) Math.ceil(minY)); y < h && y < maxY; y++) {
            int n = 0;
            for (int i = 0, j = points - 1; i < points; j = i++) {
                double xi = polygon[2 * i], yi = polygon[2 * i + 1], xj = polygon[2 * j], yj = polygon[2 * j + 1];
                if ((yi <= y && y < yj) || (yj <= y && y < yi)) {
                    crossings[n++] = xi + (y - yi) * (xj - xi) / (yj - yi);
                }
            }
            Arrays.sort(crossings, 0, n);
            int row = y * w;
            for (int k = 0; k + 1 < n; k += 2) {
                int from = Math.max(0, (int) Math.ceil(crossings[k]));
                int to = Math.min(w, (int) Math.ceil(crossings[k + 1]));
                for (int x = from; x < to; x++) {
                    labels[row + x] = 1; // crossing pairs of one polygon never overlap
                }
            }
        }
    }
}
