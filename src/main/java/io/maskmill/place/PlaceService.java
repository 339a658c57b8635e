package io.maskmill.place;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.maskmill.imaging.Box;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

/**
 * The place stage's work on decoded images (DiffuMask-Editor §3.2.2): for each selected object in turn,
 * cut it out, score positions and scales ({@link PlacementScorer}), choose a box (Eq. 4, {@link Placer}),
 * paste it with its matte and update the masks; the next object sees the scene with the earlier ones in
 * it. Objects that cannot be placed are skipped with a reason; the sample is never lost. Deterministic:
 * the same inputs and seed give the same result. Thread-safe (no state between calls).
 */
public final class PlaceService {
    /** Most objects pasted into one sample (labels of the pasted map are 1..254). */
    public static final int MAX_OBJECTS = 32;

    /**
     * @param featherPx       width of the matte's soft edge, centred on the mask's edge (≤ 1: hard)
     * @param maxOcclusion    largest share (0..1) of an existing object a paste may hide (0: none)
     * @param selection       {@code draw}: seeded draw ∝ F_h over every candidate; {@code argmax}: centre = argmax
     *                        F_h; {@code top-k}: seeded draw among the top K peaks
     * @param topK            peaks to draw from
     * @param scaleCount      FOPA scales s_i = i/(n+2)
     * @param minObjectPx     smallest pasted box side
     * @param maxUpscale      largest enlargement of the cut-out
     * @param horizonFallback horizon (fraction of the height) when none is seen in the image
     * @param diversity       relative jitter of the ranking, seeded per sample (0: ties broken by position)
     * @param debugHeatmap    render the heatmap overlay
     */
    public record Settings(int featherPx, double maxOcclusion, PlaceConfig.Selection selection, int topK, int scaleCount,
                           int minObjectPx, double maxUpscale, double horizonFallback, double diversity,
                           boolean debugHeatmap) {
        public Settings {
            if (featherPx < 0 || !(maxOcclusion >= 0 && maxOcclusion <= 1) || topK < 1 || scaleCount < 1
                    || scaleCount > 64 || minObjectPx < 1 || !(maxUpscale > 0)
                    || !(horizonFallback >= 0 && horizonFallback <= 1) || !(diversity >= 0 && diversity <= 1)) {
                throw new IllegalArgumentException("invalid place settings: " + this
                        + " (need featherPx >= 0, maxOcclusion in [0,1], topK >= 1, scaleCount in 1..64,"
                        + " minObjectPx >= 1, maxUpscale > 0, horizonFallback in [0,1], diversity in [0,1])");
            }
        }

        public static Settings defaults() {
            return new Settings(2, 0.0, PlaceConfig.Selection.DRAW, 50, 16, 24, 1.25, 0.4, 0.1, false);
        }

        public Settings withDebugHeatmap(boolean on) {
            return new Settings(featherPx, maxOcclusion, selection, topK, scaleCount, minObjectPx, maxUpscale,
                    horizonFallback, diversity, on);
        }

        public Settings withMaxOcclusion(double limit) {
            return new Settings(featherPx, limit, selection, topK, scaleCount, minObjectPx, maxUpscale, horizonFallback,
                    diversity, debugHeatmap);
        }

        public Settings withArgmax(boolean on) {
            return withSelection(on ? PlaceConfig.Selection.ARGMAX : PlaceConfig.Selection.DRAW);
        }

        public Settings withSelection(PlaceConfig.Selection s) {
            return new Settings(featherPx, maxOcclusion, s, topK, scaleCount, minObjectPx, maxUpscale,
                    horizonFallback, diversity, debugHeatmap);
        }

        /** How params.selection names it: {@code draw}, {@code argmax}, {@code top-50}. */
        public String selectionName() {
            return switch (selection) {
                case DRAW -> "draw";
                case ARGMAX -> "argmax";
                case TOP_K -> "top-" + topK;
            };
        }
    }

    /** The sample being edited: its image and mask, its class and the job's class map (label i+1 = classes[i]). */
    public record Background(RgbImage image, LabelMask mask, String className, List<String> classes) {
    }

    private final PlacementScorer scorer;
    private final ScalePrior prior;
    private final Settings settings;
    private final WholeObject.Criteria whole;

    /** @param prior the scale prior the scene's own object is measured against ({@link SceneCues#sizeAnchor()}) */
    public PlaceService(PlacementScorer scorer, ScalePrior prior, Settings settings) {
        this(scorer, prior, settings, WholeObject.Criteria.defaults());
    }

    /** @param whole what an object source must be to be pasted ({@link WholeObject}) */
    public PlaceService(PlacementScorer scorer, ScalePrior prior, Settings settings, WholeObject.Criteria whole) {
        this.scorer = scorer;
        this.prior = prior;
        this.settings = settings;
        this.whole = whole;
    }

    /** The service with the free-space scorer (the built-in default before the context scorer) over the shipped scale prior. */
    public static PlaceService builtin(Settings settings, BuiltinScorer.Settings scorerSettings) {
        ScalePrior prior = ScalePrior.loadDefault();
        return new PlaceService(new BuiltinScorer(prior, scorerSettings), prior, settings);
    }

    /** The service with the context scorer (the built-in default) over the shipped scale prior and context table. */
    public static PlaceService context(Settings settings, ContextScorer.Settings scorerSettings) {
        ScalePrior prior = ScalePrior.loadDefault();
        return new PlaceService(new ContextScorer(prior, PlacementContext.loadDefault(), scorerSettings), prior, settings);
    }

    public PlacementScorer scorer() {
        return scorer;
    }

    public Settings settings() {
        return settings;
    }

    public PlaceResult place(Background background, List<ObjectSource> objects, long seed) {
        RgbImage image = background.image();
        LabelMask mask = background.mask();
        List<String> reasons = new ArrayList<>();
        if (image.width() != mask.width() || image.height() != mask.height()) {
            reasons.add("background image is " + image.width() + "x" + image.height() + " but its mask is "
                    + mask.width() + "x" + mask.height() + ": sample passed on unedited");
            return unedited(background, reasons);
        }
        if (objects.isEmpty()) {
            reasons.add("no objects to place");
            return unedited(background, reasons);
        }
        List<ObjectSource> todo = objects;
        if (objects.size() > MAX_OBJECTS) {
            reasons.add((objects.size() - MAX_OBJECTS) + " objects beyond the first " + MAX_OBJECTS + " skipped");
            todo = objects.subList(0, MAX_OBJECTS);
        }
        Scene scene = new Scene(image, mask, todo.size());
        SceneCues cues = Horizon.estimate(image, settings.horizonFallback(), sizeAnchor(background));
        HeatmapOverlay overlay = settings.debugHeatmap() ? new HeatmapOverlay() : null;
        List<Placed> placed = new ArrayList<>();
        for (int j = 0; j < todo.size(); j++) {
            ObjectSource source = todo.get(j);
            try {
                placed.add(placeOne(scene, source, background.classes(), cues, random(seed, j), overlay));
            } catch (Unplaceable e) {
                reasons.add(e.getMessage());
            }
        }
        if (placed.isEmpty()) {
            reasons.add("no object could be placed: sample passed on unedited");
        }
        LabelMask pastedMap = scene.pastedMask();
        List<PlacedObject> result = new ArrayList<>(placed.size());
        for (Placed p : placed) {
            result.add(new PlacedObject(p.index, p.source.className(), p.label, p.source.sampleId(),
                    p.box, p.scale, p.score, p.occlusion, pastedMap.select(p.index)));
        }
        return new PlaceResult(scene.image(), scene.semanticMask(), pastedMap, List.copyOf(result),
                List.copyOf(reasons), overlay == null ? null : overlay.render(), cues);
    }

    private record Placed(int index, ObjectSource source, int label, Box box, double scale, float score,
                          double occlusion) {
    }

    private Placed placeOne(Scene scene, ObjectSource source, List<String> classes, SceneCues cues,
            SplittableRandom random, HeatmapOverlay overlay) {
        String name = source.describe();
        if (source.failure() != null) {
            throw new Unplaceable(name + ": " + source.failure());
        }
        int label = classes.indexOf(source.className()) + 1;
        if (label < 1 || label >= LabelMask.IGNORE) {
            throw new Unplaceable(name + ": class '" + source.className() + "' is not in the job's class map " + classes);
        }
        CutOut cut = CutOut.of(name, source.image(), source.mask(), label);
        String notWhole = WholeObject.problem(source.mask(), label, otherObjects(source.mask(), label), whole);
        if (notWhole != null) {
            throw new Unplaceable(name + ": not a whole object to paste: " + notWhole);
        }
        Scales scales = Scales.of(cut.box(), scene.width(), scene.height(), settings.scaleCount(),
                settings.minObjectPx(), settings.maxUpscale());
        if (!scales.anyUsable()) {
            throw new Unplaceable(name + ": no usable size: the " + cut.box().width() + "x" + cut.box().height()
                    + " object at scales 1/" + (settings.scaleCount() + 2) + ".." + settings.scaleCount() + "/"
                    + (settings.scaleCount() + 2) + " of the " + scene.width() + "x" + scene.height()
                    + " background is either under " + settings.minObjectPx() + " px or enlarged more than "
                    + settings.maxUpscale() + "x");
        }
        PlacementQuery query = new PlacementQuery(scene, cut, source.className(), scales, cues, classes);
        ScoreMaps maps = scorer.score(query);
        Placer placer = new Placer(switch (settings.selection()) {
            case ARGMAX -> Placer.Selection.ARGMAX;
            case TOP_K -> Placer.Selection.TOP_K;
            case DRAW -> Placer.Selection.DRAW;
        },
                settings.topK(), settings.maxOcclusion(), settings.featherPx(), settings.diversity());
        Placer.Placement chosen;
        try {
            chosen = placer.place(maps, scales, cut, scene, random);
        } catch (Unplaceable e) {
            if (overlay != null) {
                overlay.add(scene.image(), maps, cues, null, List.of(), source.className());
            }
            throw e;
        }
        Placer.Candidate c = chosen.box();
        if (overlay != null) {
            overlay.add(scene.image(), maps, cues, c, chosen.peaks(), source.className());
        }
        int index = scene.paste(chosen.object(), c.x(), c.y(), label);
        return new Placed(index, source, label, new Box(c.x(), c.y(), c.x() + c.width(), c.y() + c.height()),
                scales.scale()[c.scale()], c.score(), chosen.occlusion());
    }

    /** Pixels of the source's other objects (any other object label), for {@link WholeObject}. */
    private static LabelMask otherObjects(LabelMask mask, int label) {
        byte[] l = mask.labels(), out = new byte[l.length];
        for (int i = 0; i < l.length; i++) {
            int v = l[i] & 0xFF;
            out[i] = LabelMask.isObject(v) && v != label ? (byte) 1 : 0;
        }
        return new LabelMask(mask.width(), mask.height(), out);
    }

    /** ln r_scene − μ of the background's own class; 0 without such pixels. */
    private double sizeAnchor(Background background) {
        int label = background.classes().indexOf(background.className()) + 1;
        if (label < 1 || label >= LabelMask.IGNORE) {
            return 0;
        }
        int area = background.mask().count(label);
        if (area == 0) {
            return 0;
        }
        double r = Math.sqrt((double) area / ((double) background.mask().width() * background.mask().height()));
        return Math.log(r) - prior.of(background.className()).mu();
    }

    private static SplittableRandom random(long seed, int objectIndex) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0xBF58476D1CE4E5B9L * (objectIndex + 1));
    }

    private PlaceResult unedited(Background background, List<String> reasons) {
        RgbImage image = background.image();
        return new PlaceResult(image.copy(), background.mask().copy(), new LabelMask(image.width(), image.height()),
                List.of(), List.copyOf(reasons), null, null);
    }
}
