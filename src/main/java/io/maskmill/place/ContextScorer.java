package io.maskmill.place;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.maskmill.imaging.LabelMask;

/**
 * The default built-in placement heatmap: where objects of the class are in real photos, as a weighted sum
 * of log-cues (a log-linear model; weights chosen on the tune split of {@link PlacementPlausibility}), mixed
 * with a uniform share u:
 * <pre>
 * ln G = w_size·size + w_position·position + w_support·support + w_near·near + w_free·free
 * F_h  = N · ((1 − u)·G / ΣG + u / N)      over the N cells whose box is inside the image
 * </pre>
 * Each cue is a log-likelihood-like term, 0 at its best:
 * <ul>
 * <li>{@code size}: −½((ln r − μ')/σ)², the class's log-normal size ({@link ScalePrior}), its mean shifted by the
 *     scene's own object (anchor) and blended with what the scene's other objects and their depth below the
 *     horizon suggest ({@link BuiltinScorer.Neighbours}). A small weight makes it a soft prior: a confident
 *     wrong size would push every position of the favoured scales ahead of the right one.</li>
 * <li>{@code position}: −½ of the squared z-scores of the box's bottom / H and centre / W under the class's
 *     statistics ({@link PlacementContext}): photographers frame objects, and cups sit lower than kites.</li>
 * <li>{@code support}: ln of what the box's bottom stands on ({@link BuiltinScorer.Support}: ground below the
 *     horizon, a support surface, hardly another object); 0 for airborne classes.</li>
 * <li>{@code near}: ln(ε + the mean, over the box grown by half its size on each side, of how often the class is
 *     near the class of each pixel's object) — a cup by the dining table, a person by other people.</li>
 * <li>{@code free}: ln(1 − 0.95·O), O the share of the box already covered by objects: real objects rarely
 *     hide others (not even tables: counting support surfaces as free was worse on the tune split); the exact
 *     occlusion limit stays the placer's hard constraint.</li>
 * </ul>
 * The border margin (every box inside the image) is the placer's; cells whose box would leave it score 0.
 */
public final class ContextScorer implements PlacementScorer {
    /** The cues, in the order of {@link Weights} and of {@link #cues}. */
    public static final List<String> CUES = List.of("size", "position", "support", "near", "free");
    static final float NEAR_FLOOR = 0.02f;
    /** Lowest log score: exp of it is still a normal float, so every inside cell ranks above 0. */
    static final double LOG_FLOOR = -80;

    /**
     * Weights of the cues (0 leaves a cue out), and {@code uniform}: the share of a uniform distribution mixed
     * into F_h (a defensive mixture: where every cue is wrong, a draw ∝ F_h is still no worse than 1/uniform
     * times a uniform draw; it does not change the order by score).
     */
    public record Weights(double size, double position, double support, double near, double free, double uniform) {
        public Weights {
            for (double w : new double[] {size, position, support, near, free}) {
                if (!Double.isFinite(w)) {
                    throw new IllegalArgumentException("cue weights must be finite, got " + w);
                }
            }
            if (!(uniform >= 0 && uniform <= 1)) {
                throw new IllegalArgumentException("uniform share must be in [0, 1], got " + uniform);
            }
        }

        public Weights(double size, double position, double support, double near, double free) {
            this(size, position, support, near, free, 0);
        }

        double[] array() {
            return new double[] {size, position, support, near, free};
        }

        static Weights of(double[] w, double uniform) {
            return new Weights(w[0], w[1], w[2], w[3], w[4], uniform);
        }

        public Weights withUniform(double u) {
            return new Weights(size, position, support, near, free, u);
        }

        /** This with cue {@code k} (index into {@link #CUES}) set to {@code w}. */
        public Weights with(int k, double w) {
            double[] a = array();
            a[k] = w;
            return of(a, uniform);
        }
    }

    /**
     * Chosen on the tune split (even ids) of coco-mini by {@code PlacementPlausibility --search draw}: size,
     * position and support got weight 0 (they did not lower the tune split's ranks; they stay computable for
     * the ablations and for anyone who sets a weight), near 4, free 8, and a uniform share of 0.7.
     */
    public static final Weights DEFAULT_WEIGHTS = new Weights(0, 0, 0, 4, 8, 0.7);

    /**
     * @param gridSize        cells along the background's longer side
     * @param anchorWeight    how far the scene's own object's size shifts the expected size
     * @param airborneClasses classes that need no support
     * @param supportSurfaces classes whose top other objects stand on
     * @param neighbourWeight how far the expected size follows the scene's other objects
     * @param weights         the cues' weights
     */
    public record Settings(int gridSize, double anchorWeight, Set<String> airborneClasses, Set<String> supportSurfaces,
            double neighbourWeight, Weights weights) {
        public Settings {
            if (gridSize < 1) {
                throw new IllegalArgumentException("grid size must be >= 1, got " + gridSize);
            }
            if (!(neighbourWeight >= 0 && neighbourWeight <= 1)) {
                throw new IllegalArgumentException("neighbour weight must be in [0, 1], got " + neighbourWeight);
            }
            airborneClasses = airborneClasses.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
            supportSurfaces = supportSurfaces.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
        }

        public static Settings defaults(Set<String> airborneClasses) {
            return new Settings(128, 0.5, airborneClasses, BuiltinScorer.SUPPORT_SURFACES,
                    BuiltinScorer.DEFAULT_NEIGHBOUR_WEIGHT, DEFAULT_WEIGHTS);
        }

        public Settings withWeights(Weights w) {
            return new Settings(gridSize, anchorWeight, airborneClasses, supportSurfaces, neighbourWeight, w);
        }

        public Settings withNeighbourWeight(double w) {
            return new Settings(gridSize, anchorWeight, airborneClasses, supportSurfaces, w, weights);
        }
    }

    private final ScalePrior prior;
    private final PlacementContext context;
    private final Settings settings;

    public ContextScorer(ScalePrior prior, PlacementContext context, Settings settings) {
        this.prior = prior;
        this.context = context;
        this.settings = settings;
    }

    @Override
    public String id() {
        return "builtin";
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public ScoreMaps score(PlacementQuery q) {
        Weights w = settings.weights();
        Cues c = cues(q, w.size() != 0, w.support() != 0, w.near() != 0);
        return c.combine(w);
    }

    /**
     * The cue maps of one query: {@code maps[cue][scale][cell]} (null for unusable scales), each cell's log-cue
     * value, NaN where the box would leave the image.
     */
    public record Cues(int gridWidth, int gridHeight, float[][][] maps) {
        /**
         * F_h = (1 − u)·exp(Σ w_k · cue_k) / Z + u / N over the N inside cells (Z normalises: F_h sums to 1); 0
         * outside.
         */
        public ScoreMaps combine(Weights weights) {
            double[] w = weights.array();
            int scales = maps[0].length;
            double[][] logs = new double[scales][];
            double max = Double.NEGATIVE_INFINITY;
            int inside = 0;
            for (int i = 0; i < scales; i++) {
                if (maps[0][i] == null) {
                    continue;
                }
                double[] l = new double[gridWidth * gridHeight];
                for (int cell = 0; cell < l.length; cell++) {
                    if (Float.isNaN(maps[0][i][cell])) {
                        l[cell] = Double.NaN;
                        continue;
                    }
                    double s = 0;
                    for (int k = 0; k < w.length; k++) {
                        if (w[k] != 0) {
                            s += w[k] * Math.max(LOG_FLOOR, maps[k][i][cell]);
                        }
                    }
                    l[cell] = Math.max(LOG_FLOOR, s);
                    max = Math.max(max, l[cell]);
                    inside++;
                }
                logs[i] = l;
            }
            double z = 0;
            for (double[] l : logs) {
                if (l != null) {
                    for (double v : l) {
                        z += Double.isNaN(v) ? 0 : Math.exp(v - max);
                    }
                }
            }
            float[][] out = new float[scales][];
            double u = weights.uniform();
            for (int i = 0; i < scales; i++) {
                if (logs[i] == null) {
                    continue;
                }
                float[] m = new float[logs[i].length];
                for (int cell = 0; cell < m.length; cell++) {
                    double v = logs[i][cell];
                    // scaled by the cell count so values stay well inside float range; a positive floor keeps every inside cell above 0
                    m[cell] = Double.isNaN(v) ? 0f
                            : (float) Math.max(1e-30, inside * ((1 - u) * Math.exp(v - max) / z) + u);
                }
                out[i] = m;
            }
            return new ScoreMaps(gridWidth, gridHeight, out);
        }
    }

    /** Every cue's map. */
    public Cues cues(PlacementQuery q) {
        return cues(q, true, true, true);
    }

    /**
     * The cue maps; the per-object tables of a cue that is not needed (weight 0) are not built and the cue reads
     * 0: the neighbours' labelling for {@code size}, the support table, the near table.
     */
    Cues cues(PlacementQuery q, boolean sizeNeeded, boolean supportNeeded, boolean nearNeeded) {
        Scene scene = q.scene();
        int width = q.width(), height = q.height();
        int[] grid = BuiltinScorer.grid(width, height, settings.gridSize());
        int gw = grid[0], gh = grid[1];
        Scales scales = q.scales();
        CutOut cut = q.object();
        String cls = q.className();
        ScalePrior.LogNormal classPrior = prior.of(cls);
        double mu = classPrior.mu() + settings.anchorWeight() * q.cues().sizeAnchor();
        double sigma = classPrior.sigma();
        PlacementContext.Position where = context.position(cls);
        boolean airborne = settings.airborneClasses().contains(cls.toLowerCase(Locale.ROOT));
        int horizon = q.cues().horizonRow();
        double groundRamp = 0.25 * Math.max(1, height - horizon);
        double boxFill = (double) cut.maskArea() / ((double) cut.box().width() * cut.box().height());
        LabelMask mask = q.mask();
        BuiltinScorer.Support under = airborne || !supportNeeded ? null
                : new BuiltinScorer.Support(mask, q.classes(), settings.supportSurfaces());
        BuiltinScorer.Neighbours neighbours = settings.neighbourWeight() > 0 && sizeNeeded
                ? BuiltinScorer.Neighbours.of(mask, q.classes(), prior, classPrior.mu()) : null;
        double[] nearSat = nearNeeded ? nearTable(mask, q.classes(), cls) : null;

        ScoreMaps layout = new ScoreMaps(gw, gh, new float[0][]);
        int[] cx = new int[gw];
        for (int gx = 0; gx < gw; gx++) {
            cx[gx] = layout.centreX(gx, width);
        }
        float[][][] maps = new float[CUES.size()][scales.count()][];
        for (int i = 0; i < scales.count(); i++) {
            if (!scales.usable()[i]) {
                continue;
            }
            int w = scales.width()[i], h = scales.height()[i];
            double lnr = Math.log(Math.sqrt(boxFill * w * h / ((double) width * height)));
            float inverseArea = 1f / ((float) w * h);
            float[][] m = new float[CUES.size()][gw * gh];
            for (float[] a : m) {
                java.util.Arrays.fill(a, Float.NaN);
            }
            for (int gy = 0; gy < gh; gy++) {
                int y0 = layout.centreY(gy, height) - h / 2;
                if (y0 < 0 || y0 + h > height) {
                    continue;
                }
                int bottom = y0 + h;
                double rowMu = mu;
                if (neighbours != null && !neighbours.isEmpty()) {
                    rowMu = (1 - settings.neighbourWeight()) * mu
                            + settings.neighbourWeight() * neighbours.expectedLogSize(bottom, horizon, q.cues().horizonSeen());
                }
                double zs = (lnr - rowMu) / sigma;
                float size = (float) (-0.5 * zs * zs);
                double zb = ((double) bottom / height - where.bottom()) / where.bottomSd();
                float ground = airborne ? 1f
                        : (float) (0.05 + 0.95 * Math.max(0, Math.min(1, (bottom - horizon) / groundRamp)));
                int ny0 = Math.max(0, y0 - h / 2), ny1 = Math.min(height, bottom + h / 2);
                for (int gx = 0; gx < gw; gx++) {
                    int x0 = cx[gx] - w / 2;
                    if (x0 < 0 || x0 + w > width) {
                        continue;
                    }
                    int cell = gy * gw + gx;
                    double zx = ((x0 + w / 2.0) / width - where.centre()) / where.centreSd();
                    m[0][cell] = size;
                    m[1][cell] = (float) (-0.5 * (zb * zb + zx * zx));
                    m[2][cell] = under == null ? 0f : (float) Math.log(under.score(x0, bottom, w, ground));
                    if (nearSat != null) {
                        int nx0 = Math.max(0, x0 - w / 2), nx1 = Math.min(width, x0 + w + w / 2);
                        double near = sum(nearSat, width, nx0, ny0, nx1, ny1) / ((double) (nx1 - nx0) * (ny1 - ny0));
                        m[3][cell] = (float) Math.log(NEAR_FLOOR + near);
                    } else {
                        m[3][cell] = 0f;
                    }
                    float occupied = scene.occupiedIn(x0, y0, x0 + w, y0 + h) * inverseArea;
                    m[4][cell] = (float) Math.log(1 - 0.95 * Math.min(1, occupied));
                }
            }
            for (int k = 0; k < CUES.size(); k++) {
                maps[k][i] = m[k];
            }
        }
        return new Cues(gw, gh, maps);
    }

    /** Summed-area table of, per pixel, how often {@code cls} is near the class of the object there (0 on scene). */
    private double[] nearTable(LabelMask mask, List<String> classes, String cls) {
        int w = mask.width(), h = mask.height();
        double[] affinity = new double[256];
        for (int l = 1; l <= classes.size() && l < LabelMask.IGNORE; l++) {
            affinity[l] = context.near(cls, classes.get(l - 1));
        }
        byte[] labels = mask.labels();
        double[] sat = new double[(w + 1) * (h + 1)];
        int w1 = w + 1;
        for (int y = 0; y < h; y++) {
            double row = 0;
            for (int x = 0; x < w; x++) {
                row += affinity[labels[y * w + x] & 0xFF];
                sat[(y + 1) * w1 + x + 1] = sat[y * w1 + x + 1] + row;
            }
        }
        return sat;
    }

    private static double sum(double[] sat, int width, int x0, int y0, int x1, int y1) {
        int w1 = width + 1;
        return sat[y1 * w1 + x1] - sat[y0 * w1 + x1] - sat[y1 * w1 + x0] + sat[y0 * w1 + x0];
    }
}
