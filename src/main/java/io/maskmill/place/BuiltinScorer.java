package io.maskmill.place;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The placement heatmap without a model. For a box of scale i with centre (cx, cy):
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
    /**
     * @param gridSize        cells along the background's longer side (the shorter side in proportion)
     * @param anchorWeight    how far the scene's own object's size shifts the expected size (0 = prior only)
     * @param airborneClasses classes that need no ground support
     */
    public record Settings(int gridSize, double anchorWeight, Set<String> airborneClasses) {
        public Settings {
            if (gridSize < 1) {
                throw new IllegalArgumentException("grid size must be >= 1, got " + gridSize);
            }
            airborneClasses = airborneClasses.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        }
    }

    private final ScalePrior prior;
    private final Settings settings;

    public BuiltinScorer(ScalePrior prior, Settings settings) {
        this.prior = prior;
        this.settings = settings;
    }

    @Override
    public String id() {
        return "builtin";
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
                float support = airborne ? 1f
                        : (float) (0.05 + 0.95 * Math.max(0, Math.min(1, (y0 + h - horizon) / groundRamp)));
                float rowScore = sizeScore * support;
                for (int gx = 0; gx < gw; gx++) {
                    int x0 = cx[gx] - w / 2;
                    if (x0 < 0 || x0 + w > width) {
                        continue;
                    }
                    float occupied = scene.occupiedIn(x0, y0, x0 + w, y0 + h) * inverseArea;
                    map[gy * gw + gx] = rowScore * (1f - occupied);
                }
            }
            maps[i] = map;
        }
        return new ScoreMaps(gw, gh, maps);
    }
}
