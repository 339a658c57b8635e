package io.maskmill.harmonize;

import io.maskmill.imaging.Box;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

import java.util.Arrays;
import java.util.Locale;

/**
 * Boundary-continuity harmonization (our own method; harmonize.md). A pasted object whose colour or light is off shows
 * it where it meets the scene: across the mask's edge every pixel pair steps the same way, while a real object's edge
 * steps up in one place and down in another, and where the mask is a pixel or two off the true edge (as masks are)
 * the two sides are the same surface and do not step at all. So:
 * <ol>
 *   <li>pair each object pixel next to a non-object pixel with the scene pixel two steps out in the same direction
 *       (8 directions), and take the RGB differences d = inside − outside;</li>
 *   <li>the offset is their per-channel median;</li>
 *   <li>the evidence is the log likelihood ratio ln(p(offset) / p(0)) of a Gaussian kernel density of the d (kernel
 *       τ), evaluated at the mode found by mean shift from the median and at zero: how many more boundary pairs
 *       continue smoothly once the offset is removed than as the object is;</li>
 *   <li>the object's pixels move by −w·offset, w = strength·clamp((evidence − from)/(full − from), 0, 1): nothing when
 *       the edge already continues the scene, the full strength when the evidence is strong; at most
 *       {@code maxShiftLevels} per channel.</li>
 * </ol>
 * Only an offset is applied, so the object's own contrast and texture are kept (no silhouettes) and the change is
 * uniform over the object: there is no seam inside it to blend, and scene pixels are returned as they came in.
 */
public final class BoundaryHarmonizer implements Harmonizer {
    /** Fewer boundary pairs give no meaningful median or density. */
    static final int MIN_PAIRS = 16;
    private static final int[][] DIRECTIONS = {{-1, -1}, {0, -1}, {1, -1}, {-1, 0}, {1, 0}, {-1, 1}, {0, 1}, {1, 1}};
    private static final int MEAN_SHIFT_STEPS = 10;
    /** Added to both densities so that an edge with almost no smooth pairs either way gives a ratio near 1, not noise. */
    private static final double DENSITY_FLOOR = 1e-3;

    private final BoundarySettings settings;
    private final String id;

    public BoundaryHarmonizer(BoundarySettings settings) {
        this.settings = settings;
        this.id = String.format(Locale.ROOT, "boundary-continuity(strength=%s,kernel=%s,evidence=%s..%s%s)",
                settings.strength(), settings.kernelLevels(), settings.evidenceFrom(), settings.evidenceFull(),
                Double.isFinite(settings.maxShiftLevels()) ? ",maxShift=" + settings.maxShiftLevels() : "");
    }

    public BoundarySettings settings() {
        return settings;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public HarmonizationResult harmonize(RgbImage composite, LabelMask foreground) {
        Foreground fg = Foreground.measure(composite, foreground);
        if (fg.nothingToHarmonize() != null) {
            return HarmonizationResult.passedThrough(composite, fg.nothingToHarmonize());
        }
        if (settings.strength() == 0) {
            return HarmonizationResult.passedThrough(composite, "strength is 0");
        }
        float[] d = boundaryDifferences(composite, foreground.labels(), fg.box());
        int n = d.length / 3;
        if (n < MIN_PAIRS) {
            return HarmonizationResult.passedThrough(composite, "only " + n
                    + " boundary pairs (object pixel, scene pixel two steps out): too few to judge the edge");
        }
        double[] offset = new double[3];
        for (int c = 0; c < 3; c++) {
            offset[c] = median(d, c, n);
        }
        double tau = settings.kernelLevels() / 255.0;
        double[] mode = meanShift(d, n, offset, tau);
        double evidence = Math.log((density(d, n, mode, tau) + DENSITY_FLOOR) / (density(d, n, new double[3], tau) + DENSITY_FLOOR));
        double span = settings.evidenceFull() - settings.evidenceFrom();
        double ramp = span > 0 ? (evidence - settings.evidenceFrom()) / span : evidence >= settings.evidenceFrom() ? 1 : 0;
        double w = settings.strength() * Math.min(1, Math.max(0, ramp));
        String detail = String.format(Locale.ROOT, "%s: %d boundary pairs, median step R %+.1f G %+.1f B %+.1f levels, "
                        + "evidence %.2f (ln likelihood ratio), weight %.3f", id, n,
                255 * offset[0], 255 * offset[1], 255 * offset[2], evidence, w);
        if (w == 0) {
            return HarmonizationResult.passedThrough(composite, detail + "; below the evidence threshold: the object's edge already continues the scene");
        }
        RgbImage out = composite.copy();
        float[] o = out.pixels();
        byte[] labels = foreground.labels();
        float[] shift = new float[3];
        double cap = settings.maxShiftLevels() / 255.0;
        for (int c = 0; c < 3; c++) {
            shift[c] = (float) Math.max(-cap, Math.min(cap, w * offset[c]));
        }
        Box box = fg.box();
        int width = composite.width();
        for (int y = box.y0(); y < box.y1(); y++) {
            for (int x = box.x0(), i = y * width + box.x0(); x < box.x1(); x++, i++) {
                if (LabelMask.isObject(labels[i] & 0xFF)) {
                    for (int c = 0; c < 3; c++) {
                        o[3 * i + c] = Math.min(1f, Math.max(0f, o[3 * i + c] - shift[c]));
                    }
                }
            }
        }
        return HarmonizationResult.applied(out, detail);
    }

    /**
     * RGB differences (object pixel − scene pixel) for every object pixel p and direction δ such that p + δ is not
     * object and p + 2δ is scene (label 0), interleaved.
     */
    static float[] boundaryDifferences(RgbImage composite, byte[] labels, Box box) {
        int w = composite.width(), h = composite.height();
        float[] rgb = composite.pixels();
        float[] d = new float[3 * 1024];
        int n = 0;
        for (int y = box.y0(); y < box.y1(); y++) {
            for (int x = box.x0(); x < box.x1(); x++) {
                int p = y * w + x;
                if (!LabelMask.isObject(labels[p] & 0xFF)) {
                    continue;
                }
                for (int[] dir : DIRECTIONS) {
                    int fx = x + 2 * dir[0], fy = y + 2 * dir[1];
                    if (fx < 0 || fy < 0 || fx >= w || fy >= h) {
                        continue;
                    }
                    int q = (y + dir[1]) * w + x + dir[0], f = fy * w + fx;
                    if (LabelMask.isObject(labels[q] & 0xFF) || labels[f] != LabelMask.BACKGROUND) {
                        continue;
                    }
                    if (3 * n + 3 > d.length) {
                        d = Arrays.copyOf(d, 2 * d.length);
                    }
                    for (int c = 0; c < 3; c++) {
                        d[3 * n + c] = rgb[3 * p + c] - rgb[3 * f + c];
                    }
                    n++;
                }
            }
        }
        return Arrays.copyOf(d, 3 * n);
    }

    static double median(float[] d, int c, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = d[3 * i + c];
        }
        Arrays.sort(v);
        return n % 2 == 1 ? v[n / 2] : 0.5 * ((double) v[n / 2 - 1] + v[n / 2]);
    }

    /** Mean shift (Gaussian kernel τ) from {@code start}: the nearby mode of the differences' density. */
    static double[] meanShift(float[] d, int n, double[] start, double tau) {
        double[] m = start.clone();
        double k = -1 / (2 * tau * tau);
        for (int step = 0; step < MEAN_SHIFT_STEPS; step++) {
            double sw = 0, s0 = 0, s1 = 0, s2 = 0;
            for (int i = 0; i < n; i++) {
                double a = d[3 * i] - m[0], b = d[3 * i + 1] - m[1], c = d[3 * i + 2] - m[2];
                double wt = Math.exp(k * (a * a + b * b + c * c));
                sw += wt;
                s0 += wt * d[3 * i];
                s1 += wt * d[3 * i + 1];
                s2 += wt * d[3 * i + 2];
            }
            if (sw < 1e-12) {
                break; // no pair near: stay at the median
            }
            m[0] = s0 / sw;
            m[1] = s1 / sw;
            m[2] = s2 / sw;
        }
        return m;
    }

    /** Kernel density of the differences at {@code at} (unnormalised Gaussian, mean over pairs). */
    static double density(float[] d, int n, double[] at, double tau) {
        double k = -1 / (2 * tau * tau), sum = 0;
        for (int i = 0; i < n; i++) {
            double a = d[3 * i] - at[0], b = d[3 * i + 1] - at[1], c = d[3 * i + 2] - at[2];
            sum += Math.exp(k * (a * a + b * b + c * c));
        }
        return sum / n;
    }
}
