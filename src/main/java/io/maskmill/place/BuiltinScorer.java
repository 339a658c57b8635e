package io.maskmill.place;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.maskmill.imaging.LabelMask;

/**
 * The free-space placement heatmap without a model ({@code maskmill.place.scorer=free-space}; the default
 * before {@link ContextScorer}): safe placement on free ground at a typical size. For a box of scale i with centre (cx, cy):
 * <pre>
 * F_h = P_i · S(bottom) · (1 − O)
 * </pre>
 * <ul>
 * <li>P_i, scale prior: exp(−(ln r_i − μ)² / 2σ²) with r_i = √(object pixels at scale i / image pixels) and
 *     the class's log-normal ({@link ScalePrior}), its mean shifted by {@code anchorWeight ·}
 *     {@link SceneCues#sizeAnchor()} — objects in a close-up are expected larger.</li>
 * <li>S, support: the box's bottom should stand on ground below the horizon:
 *     0.05 + 0.95 · clamp((bottom − horizon) / (¼ · (H − horizon)), 0, 1); 1 for airborne classes.</li>
 * <li>O, occupancy: the fraction of the box already covered by objects (summed-area table) — a cheap
 *     proxy; the exact occlusion limit is enforced by the placer on the mask itself.</li>
 * </ul>
 * The border margin (every box inside the image, i.e. the centre half the object's size from the
 * border) is the placer's hard constraint; cells that break it score 0 here.
 */
public final class BuiltinScorer implements PlacementScorer {
    /** Classes other objects may stand on (their top is a support surface), by default. */
    public static final Set<String> SUPPORT_SURFACES = Set.of("dining table", "diningtable", "table", "desk", "bed",
            "couch", "sofa", "bench", "chair", "toilet", "sink", "oven");

    /**
     * @param gridSize         cells along the background's longer side (the shorter side in proportion)
     * @param anchorWeight     how far the scene's own object's size shifts the expected size (0 = prior only)
     * @param airborneClasses  classes that need no ground support
     * @param supportSurfaces  classes whose top an object may stand on; what lies under the box's bottom decides
     *                         its support (empty: the horizon alone, the scorer before the plausibility evaluation)
     * @param neighbourWeight  how far the expected size follows the scene's other objects (0 = class prior only)
     * @param sizeExponent     the scale prior's weight against the position cues: F_h uses P_i^e (1 = as is;
     *                         smaller trusts the prior less, 0 ignores it)
     */
    public record Settings(int gridSize, double anchorWeight, Set<String> airborneClasses, Set<String> supportSurfaces,
            double neighbourWeight, double sizeExponent) {
        public Settings {
            if (gridSize < 1) {
                throw new IllegalArgumentException("grid size must be >= 1, got " + gridSize);
            }
            if (!(sizeExponent >= 0 && sizeExponent <= 1)) {
                throw new IllegalArgumentException("size exponent must be in [0, 1], got " + sizeExponent);
            }
            if (!(neighbourWeight >= 0 && neighbourWeight <= 1)) {
                throw new IllegalArgumentException("neighbour weight must be in [0, 1], got " + neighbourWeight);
            }
            airborneClasses = airborneClasses.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            supportSurfaces = supportSurfaces.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        }

        /** With the default support surfaces and neighbour weight. */
        public Settings(int gridSize, double anchorWeight, Set<String> airborneClasses) {
            this(gridSize, anchorWeight, airborneClasses, SUPPORT_SURFACES, DEFAULT_NEIGHBOUR_WEIGHT, DEFAULT_SIZE_EXPONENT);
        }

        /** The scorer as it was before the plausibility evaluation: horizon support, class scale prior. */
        public static Settings before(int gridSize, double anchorWeight, Set<String> airborneClasses) {
            return new Settings(gridSize, anchorWeight, airborneClasses, Set.of(), 0, 1);
        }

        public Settings withSupportSurfaces(Set<String> classes) {
            return new Settings(gridSize, anchorWeight, airborneClasses, classes, neighbourWeight, sizeExponent);
        }

        public Settings withNeighbourWeight(double w) {
            return new Settings(gridSize, anchorWeight, airborneClasses, supportSurfaces, w, sizeExponent);
        }

        public Settings withSizeExponent(double e) {
            return new Settings(gridSize, anchorWeight, airborneClasses, supportSurfaces, neighbourWeight, e);
        }
    }

    /** See {@link Settings#sizeExponent()}; chosen on the tune split of the plausibility evaluation. */
    public static final double DEFAULT_SIZE_EXPONENT = 1;
    /** See {@link Settings#neighbourWeight()}; chosen on the tune split of the plausibility evaluation. */
    public static final double DEFAULT_NEIGHBOUR_WEIGHT = 0.5;
    /** Support under a box standing on another object that is no support surface (a plant on scissors). */
    static final double ON_AN_OBJECT = 0.05;
    /** Neighbours smaller than this (px) say little about scale. */
    static final int MIN_NEIGHBOUR_PX = 32 * 32;

    private final ScalePrior prior;
    private final Settings settings;
    /** Which factors are multiplied in (the plausibility evaluation's ablations); all of them in the stage. */
    private final boolean useSize;
    private final boolean useSupport;
    private final boolean useOccupancy;

    public BuiltinScorer(ScalePrior prior, Settings settings) {
        this(prior, settings, true, true, true);
    }

    BuiltinScorer(ScalePrior prior, Settings settings, boolean size, boolean support, boolean occupancy) {
        this.useSize = size;
        this.useSupport = support;
        this.useOccupancy = occupancy;
        this.prior = prior;
        this.settings = settings;
    }

    @Override
    public String id() {
        return "builtin-free-space";
    }

    /** Grid size for a W×H background: the longer side gets gridSize cells (at most one per pixel). */
    static int[] grid(int width, int height, int gridSize) {
        int longer = Math.max(width, height);
        int cells = Math.min(gridSize, longer);
        int gw = Math.max(1, (int) Math.round((double) width * cells / longer));
        int gh = Math.max(1, (int) Math.round((double) height * cells / longer));
        return new int[] {gw, gh};
    }

    @Override
    public ScoreMaps score(PlacementQuery q) {
        Scene scene = q.scene();
        int width = q.width(), height = q.height();
        int[] grid = grid(width, height, settings.gridSize());
        int gw = grid[0], gh = grid[1];
        Scales scales = q.scales();
        CutOut cut = q.object();
        ScalePrior.LogNormal classPrior = prior.of(q.className());
        ScalePrior.LogNormal expected = new ScalePrior.LogNormal(
                classPrior.mu() + settings.anchorWeight() * q.cues().sizeAnchor(), classPrior.sigma());
        boolean airborne = settings.airborneClasses().contains(q.className().toLowerCase(Locale.ROOT));
        int horizon = q.cues().horizonRow();
        double groundRamp = 0.25 * Math.max(1, height - horizon);
        double boxFill = (double) cut.maskArea() / ((double) cut.box().width() * cut.box().height());

        ScoreMaps layout = new ScoreMaps(gw, gh, new float[0][]);
        int[] cx = new int[gw];
        for (int gx = 0; gx < gw; gx++) {
            cx[gx] = layout.centreX(gx, width);
        }
        Support under = airborne || settings.supportSurfaces().isEmpty() ? null
                : new Support(q.mask(), q.classes(), settings.supportSurfaces());
        Neighbours neighbours = settings.neighbourWeight() > 0
                ? Neighbours.of(q.mask(), q.classes(), prior, classPrior.mu()) : null;
        float[][] maps = new float[scales.count()][];
        for (int i = 0; i < scales.count(); i++) {
            if (!scales.usable()[i]) {
                continue;
            }
            int w = scales.width()[i], h = scales.height()[i];
            double relative = Math.sqrt(boxFill * w * h / ((double) width * height));
            float sizeScore = (float) Math.max(1e-6, expected.likelihood(relative));
            float inverseArea = 1f / ((float) w * h);
            float[] map = new float[gw * gh];
            for (int gy = 0; gy < gh; gy++) {
                int y0 = layout.centreY(gy, height) - h / 2;
                if (y0 < 0 || y0 + h > height) {
                    continue;
                }
                int bottom = y0 + h;
                float ground = airborne ? 1f
                        : (float) (0.05 + 0.95 * Math.max(0, Math.min(1, (bottom - horizon) / groundRamp)));
                float rowSize = sizeScore;
                if (neighbours != null && !neighbours.isEmpty()) {
                    // the size the scene's other objects suggest at this depth, blended with the class prior
                    double mu = (1 - settings.neighbourWeight()) * expected.mu()
                            + settings.neighbourWeight() * neighbours.expectedLogSize(bottom, horizon, q.cues().horizonSeen());
                    rowSize = (float) Math.max(1e-6, new ScalePrior.LogNormal(mu, expected.sigma()).likelihood(relative));
                }
                for (int gx = 0; gx < gw; gx++) {
                    int x0 = cx[gx] - w / 2;
                    if (x0 < 0 || x0 + w > width) {
                        continue;
                    }
                    float support = under == null ? ground : under.score(x0, bottom, w, ground);
                    float occupied = scene.occupiedIn(x0, y0, x0 + w, y0 + h) * inverseArea;
                    map[gy * gw + gx] = (useSize ? sized(rowSize) : 1f) * (useSupport ? support : 1f) * (useOccupancy ? 1f - occupied : 1f);
                }
            }
            maps[i] = map;
        }
        return new ScoreMaps(gw, gh, maps);
    }

    private float sized(float p) {
        double e = settings.sizeExponent();
        return e == 1 ? p : (float) Math.pow(p, e);
    }

    /**
     * What the box's bottom stands on: the band of rows just under it, across the middle half of the box.
     * Scene pixels (label 0) are ground, supported as the horizon says; a support surface's pixels (a table, a
     * bed) support fully, whatever the horizon; any other object's pixels (or ignore) hardly at all.
     */
    static final class Support {
        private final int width;
        private final int height;
        private final int[] groundSat;
        private final int[] surfaceSat;

        Support(LabelMask mask, java.util.List<String> classes, Set<String> surfaces) {
            width = mask.width();
            height = mask.height();
            boolean[] surface = new boolean[256];
            for (int l = 1; l <= classes.size() && l < LabelMask.IGNORE; l++) {
                surface[l] = surfaces.contains(classes.get(l - 1).toLowerCase(Locale.ROOT));
            }
            groundSat = new int[(width + 1) * (height + 1)];
            surfaceSat = new int[(width + 1) * (height + 1)];
            byte[] labels = mask.labels();
            int w1 = width + 1;
            for (int y = 0; y < height; y++) {
                int g = 0, f = 0;
                for (int x = 0; x < width; x++) {
                    int l = labels[y * width + x] & 0xFF;
                    g += l == 0 ? 1 : 0;
                    f += surface[l] ? 1 : 0;
                    groundSat[(y + 1) * w1 + x + 1] = groundSat[y * w1 + x + 1] + g;
                    surfaceSat[(y + 1) * w1 + x + 1] = surfaceSat[y * w1 + x + 1] + f;
                }
            }
        }

        float score(int x0, int bottom, int w, float ground) {
            int band = Math.max(2, w / 8);
            int y1 = Math.min(height, bottom + band);
            int xa = x0 + w / 4, xb = Math.max(xa + 1, x0 + 3 * w / 4);
            if (bottom >= height) {
                return ground; // standing on the image's lower edge: ground, as far as anyone can see
            }
            double n = (double) (xb - xa) * (y1 - bottom);
            double g = sum(groundSat, xa, bottom, xb, y1) / n, f = sum(surfaceSat, xa, bottom, xb, y1) / n;
            return (float) (g * ground + f + Math.max(0, 1 - g - f) * ON_AN_OBJECT);
        }

        private int sum(int[] sat, int x0, int y0, int x1, int y1) {
            int w1 = width + 1;
            return sat[y1 * w1 + x1] - sat[y0 * w1 + x1] - sat[y1 * w1 + x0] + sat[y0 * w1 + x0];
        }
    }

    /**
     * The scene's other objects as scale references (connected regions of one label, at least
     * {@link #MIN_NEIGHBOUR_PX}): a neighbour of class n and relative size r_n suggests
     * ln r = ln r_n + μ_o − μ_n for the object o, and, with a seen horizon, objects on the ground scale with
     * their distance below it (Hoiem, Efros &amp; Hebert, "Putting Objects in Perspective", 2006):
     * + ln((bottom − horizon) / (bottom_n − horizon)). The suggestions are averaged, weighted by size.
     */
    static final class Neighbours {
        private final double[] logSize;
        private final double[] bottom;
        private final double[] weight;

        private Neighbours(double[] logSize, double[] bottom, double[] weight) {
            this.logSize = logSize;
            this.bottom = bottom;
            this.weight = weight;
        }

        boolean isEmpty() {
            return logSize.length == 0;
        }

        static Neighbours of(LabelMask mask, java.util.List<String> classes, ScalePrior prior, double objectMu) {
            int w = mask.width(), h = mask.height();
            byte[] labels = mask.labels();
            int[] component = new int[labels.length];
            int[] stack = new int[labels.length];
            java.util.List<double[]> found = new java.util.ArrayList<>();
            int next = 0;
            for (int start = 0; start < labels.length; start++) {
                int l = labels[start] & 0xFF;
                if (component[start] != 0 || !LabelMask.isObject(l)) {
                    continue;
                }
                next++;
                int top = 0, area = 0, maxY = 0;
                stack[top++] = start;
                component[start] = next;
                while (top > 0) {
                    int p = stack[--top];
                    area++;
                    int px = p % w, py = p / w;
                    maxY = Math.max(maxY, py);
                    int[] nb = {px > 0 ? p - 1 : -1, px < w - 1 ? p + 1 : -1, py > 0 ? p - w : -1, py < h - 1 ? p + w : -1};
                    for (int q : nb) {
                        if (q >= 0 && component[q] == 0 && (labels[q] & 0xFF) == l) {
                            component[q] = next;
                            stack[top++] = q;
                        }
                    }
                }
                if (area >= MIN_NEIGHBOUR_PX && l <= classes.size()) {
                    double r = Math.sqrt((double) area / ((double) w * h));
                    double suggested = Math.log(r) + objectMu - prior.of(classes.get(l - 1)).mu();
                    found.add(new double[] {suggested, maxY + 1, area});
                }
            }
            return new Neighbours(found.stream().mapToDouble(f -> f[0]).toArray(),
                    found.stream().mapToDouble(f -> f[1]).toArray(), found.stream().mapToDouble(f -> f[2]).toArray());
        }

        double expectedLogSize(int boxBottom, int horizon, boolean perspective) {
            double sum = 0, total = 0;
            for (int i = 0; i < logSize.length; i++) {
                double s = logSize[i];
                if (perspective && boxBottom > horizon && bottom[i] > horizon) {
                    s += Math.log((boxBottom - horizon) / (bottom[i] - horizon));
                }
                sum += weight[i] * s;
                total += weight[i];
            }
            return sum / total;
        }
    }
}
