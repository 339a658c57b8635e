package io.maskmill.place;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.maskmill.imaging.Box;
import io.maskmill.imaging.CocoDataset;
import io.maskmill.imaging.EvaluationSplit;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

/**
 * Is a placement plausible? Measured on real scenes: for each annotated object of a COCO-format set, the
 * object is hidden from the scene model (its pixels are not in the semantic mask the scorer sees; the photo
 * is unchanged, and the built-in scorer reads only its horizon from it) and the scorer is asked where an
 * object of that class and shape would go. Every candidate (scale, cell) whose box lies inside the image is
 * ranked by score; the real location is "found" by a candidate whose box has IoU ≥ 0.5 with the object's
 * real box. Reported: recall@k (the real location among the top k; k = 50 is the placer's draw) and the
 * rank of the first such candidate (mean, median, and as a percentile of the candidates, since their number
 * varies). Uniform random placement is computed exactly: with m finding candidates among N, recall@k =
 * 1 − C(N−m, k)/C(N, k) and the expected first rank is (N+1)/(m+1).
 * <pre>
 * ./mvnw -q compile exec:java -Dexec.mainClass=io.maskmill.place.PlacementPlausibility \
 *     -Dexec.args="--images ../shared/data/coco-mini/train2017 --annotations ../shared/data/coco-mini/annotations/instances_train2017.json"
 * </pre>
 * The scale prior the scorer uses is derived from the tune split's images (even ids) only, so the report
 * split (odd ids) is one no parameter and no prior statistic was taken from.
 */
public final class PlacementPlausibility {
    /** Ks of recall@k. */
    public static final int[] K = {1, 10, 50};
    /** Objects evaluated: non-crowd, at least COCO's medium size. */
    static final double MIN_AREA = 32 * 32;
    static final double HIT_IOU = 0.5;

    /** One object: its candidates, how many find it, the first finder's rank (random: expected values). */
    record Ranked(long annotation, String className, int candidates, int finders, double rank, double[] found,
            double positionPercentile) {
    }

    /** Averages over the objects. */
    public record Summary(String scorer, int objects, double[] recall, double meanRank, double medianRank,
            double meanPercentile, double positionPercentile) {
        String row(String split) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %d |", split, scorer, objects));
            for (double r : recall) {
                b.append(String.format(Locale.ROOT, " %.3f |", r));
            }
            return b.append(String.format(Locale.ROOT, " %.0f | %.0f | %.3f | %.3f |", meanRank, medianRank, meanPercentile,
                    positionPercentile)).toString();
        }
    }

    private final CocoDataset coco;
    private final Path images;
    private final List<String> classes = new ArrayList<>();
    private final Map<Integer, Integer> labelOfCategory = new LinkedHashMap<>();

    public PlacementPlausibility(Path annotations, Path images) {
        this.coco = CocoDataset.read(annotations);
        this.images = images;
        coco.categories().stream().sorted(Comparator.comparingInt(CocoDataset.Category::id)).forEach(c -> {
            labelOfCategory.put(c.id(), classes.size() + 1);
            classes.add(c.name());
        });
    }

    /** The scale prior from the images of one split only. */
    public ScalePrior prior(EvaluationSplit split) {
        List<CocoDataset.Image> kept = coco.images().stream().filter(i -> split.contains(i.id())).toList();
        List<CocoDataset.Annotation> annotations = coco.annotations().stream()
                .filter(a -> split.contains(a.imageId())).toList();
        String table = ScalePriorTable.derive(new CocoDataset(kept, coco.categories(), annotations), label(split));
        try {
            return new ScalePrior(ScalePrior.read(new java.io.ByteArrayInputStream(
                    table.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ranks the real location of every evaluable object of the split's images under each scorer. */
    public Map<String, List<Ranked>> run(EvaluationSplit split, ScalePrior prior, Map<String, PlacementScorer> scorers) {
        Map<String, List<Ranked>> out = new LinkedHashMap<>();
        scorers.keySet().forEach(k -> out.put(k, new ArrayList<>()));
        out.put("uniform random", new ArrayList<>());
        List<CocoDataset.Image> list = coco.images().stream().filter(i -> split.contains(i.id()))
                .sorted(Comparator.comparingLong(CocoDataset.Image::id)).toList();
        for (CocoDataset.Image image : list) {
            RgbImage photo = read(image);
            List<CocoDataset.Annotation> annotations = new ArrayList<>(coco.annotationsOf(image.id()));
            annotations.sort(Comparator.comparingDouble(CocoDataset.Annotation::area).reversed());
            Map<Long, LabelMask> masks = new LinkedHashMap<>();
            annotations.forEach(a -> masks.put(a.id(), coco.mask(a)));
            for (CocoDataset.Annotation hidden : annotations) {
                if (hidden.crowd() || hidden.area() < MIN_AREA) {
                    continue;
                }
                LabelMask scene = new LabelMask(image.width(), image.height());
                for (CocoDataset.Annotation a : annotations) {
                    if (a.id() != hidden.id()) {
                        scene.paint(masks.get(a.id()), a.crowd() ? LabelMask.IGNORE : labelOfCategory.get(a.categoryId()));
                    }
                }
                String className = classes.get(labelOfCategory.get(hidden.categoryId()) - 1);
                CutOut cut;
                try {
                    cut = CutOut.of(className, photo, masks.get(hidden.id()), 1);
                } catch (Unplaceable e) {
                    continue; // a polygon that rasterises to nothing
                }
                // every size is a candidate: the question is where the class goes, not what this source allows
                Scales scales = Scales.of(cut.box(), image.width(), image.height(), 16, 1, Double.MAX_VALUE);
                SceneCues cues = Horizon.estimate(photo, 0.4, sizeAnchor(scene, prior));
                double[] b = hidden.bbox();
                Box real = new Box((int) Math.round(b[0]), (int) Math.round(b[1]), (int) Math.round(b[0] + b[2]),
                        (int) Math.round(b[1] + b[3]));
                Ranked random = null;
                for (Map.Entry<String, PlacementScorer> s : scorers.entrySet()) {
                    Scene sc = new Scene(photo, scene, 1);
                    ScoreMaps maps = s.getValue().score(new PlacementQuery(sc, cut, className, scales, cues, classes));
                    Ranked r = rank(hidden.id(), className, maps, scales, image.width(), image.height(), real, false);
                    out.get(s.getKey()).add(r);
                    if (random == null) {
                        random = rank(hidden.id(), className, maps, scales, image.width(), image.height(), real, true);
                    }
                }
                out.get("uniform random").add(random);
            }
        }
        return out;
    }

    /** The scene's dominant class's size against its prior, as the stage's size anchor. */
    private double sizeAnchor(LabelMask scene, ScalePrior prior) {
        int[] counts = new int[256];
        for (byte v : scene.labels()) {
            counts[v & 0xFF]++;
        }
        int best = -1;
        for (int l = 1; l < LabelMask.IGNORE; l++) {
            if (counts[l] > 0 && (best < 0 || counts[l] > counts[best])) {
                best = l;
            }
        }
        if (best < 0) {
            return 0;
        }
        double r = Math.sqrt((double) counts[best] / ((double) scene.width() * scene.height()));
        return Math.log(r) - prior.of(classes.get(best - 1)).mu();
    }

    static Ranked rank(long id, String className, ScoreMaps maps, Scales scales, int width, int height, Box real,
            boolean random) {
        List<float[]> candidates = new ArrayList<>(); // {score, finds, scale}
        int[] findersAt = new int[scales.count()];
        for (int i = 0; i < scales.count(); i++) {
            if (!scales.usable()[i] || maps.maps()[i] == null) {
                continue;
            }
            int w = scales.width()[i], h = scales.height()[i];
            for (int gy = 0; gy < maps.gridHeight(); gy++) {
                int y0 = maps.centreY(gy, height) - h / 2;
                if (y0 < 0 || y0 + h > height) {
                    continue;
                }
                for (int gx = 0; gx < maps.gridWidth(); gx++) {
                    int x0 = maps.centreX(gx, width) - w / 2;
                    if (x0 < 0 || x0 + w > width) {
                        continue;
                    }
                    boolean finds = iou(real, x0, y0, w, h) >= HIT_IOU;
                    findersAt[i] += finds ? 1 : 0;
                    candidates.add(new float[] {maps.maps()[i][gy * maps.gridWidth() + gx], finds ? 1 : 0, i});
                }
            }
        }
        int n = candidates.size();
        int m = (int) candidates.stream().filter(c -> c[1] > 0).count();
        double[] found = new double[K.length];
        if (m == 0) {
            return new Ranked(id, className, n, 0, n + 1, found, 1); // unreachable on the grid: counted as last
        }
        // the real scale: the one with the most finding candidates; the position rank among its candidates only
        int realScale = 0;
        for (int i = 1; i < findersAt.length; i++) {
            realScale = findersAt[i] > findersAt[realScale] ? i : realScale;
        }
        final int rs = realScale;
        List<float[]> atScale = candidates.stream().filter(c -> c[2] == rs).toList();
        if (random) {
            for (int k = 0; k < K.length; k++) {
                found[k] = 1 - missAll(n, m, K[k]);
            }
            return new Ranked(id, className, n, m, (n + 1.0) / (m + 1.0), found,
                    (atScale.size() + 1.0) / (findersAt[rs] + 1.0) / atScale.size());
        }
        double rank = firstFinder(candidates);
        for (int k = 0; k < K.length; k++) {
            found[k] = rank <= K[k] ? 1 : 0;
        }
        return new Ranked(id, className, n, m, rank, found, firstFinder(atScale) / atScale.size());
    }

    /** The expected rank of the first finding candidate by score (ties in random order). */
    private static double firstFinder(List<float[]> candidates) {
        float best = Float.NEGATIVE_INFINITY;
        for (float[] c : candidates) {
            if (c[1] > 0) {
                best = Math.max(best, c[0]);
            }
        }
        int above = 0, tied = 0, finderTies = 0;
        for (float[] c : candidates) {
            if (c[0] > best) {
                above++;
            } else if (c[0] == best) {
                if (c[1] > 0) {
                    finderTies++;
                } else {
                    tied++;
                }
            }
        }
        // a tie of t non-finders and f finders in random order: the first finder is expected at (t + f + 1)/(f + 1)
        return above + (tied + finderTies + 1.0) / (finderTies + 1.0);
    }

    /** C(n−m, k)/C(n, k): the chance that k uniform picks without replacement miss all m finders. */
    static double missAll(int n, int m, int k) {
        if (k > n - m) {
            return 0;
        }
        double p = 1;
        for (int i = 0; i < k; i++) {
            p *= (double) (n - m - i) / (n - i);
        }
        return p;
    }

    static double iou(Box a, int x0, int y0, int w, int h) {
        int ix = Math.max(0, Math.min(a.x1(), x0 + w) - Math.max(a.x0(), x0));
        int iy = Math.max(0, Math.min(a.y1(), y0 + h) - Math.max(a.y0(), y0));
        double inter = (double) ix * iy;
        double union = (double) a.width() * a.height() + (double) w * h - inter;
        return union <= 0 ? 0 : inter / union;
    }

    static Summary summarise(String scorer, List<Ranked> rows) {
        double[] recall = new double[K.length];
        for (Ranked r : rows) {
            for (int k = 0; k < K.length; k++) {
                recall[k] += r.found()[k];
            }
        }
        for (int k = 0; k < K.length; k++) {
            recall[k] /= rows.size();
        }
        double[] ranks = rows.stream().mapToDouble(Ranked::rank).sorted().toArray();
        double median = ranks.length == 0 ? Double.NaN
                : ranks.length % 2 == 1 ? ranks[ranks.length / 2] : (ranks[ranks.length / 2 - 1] + ranks[ranks.length / 2]) / 2;
        return new Summary(scorer, rows.size(), recall, Arrays.stream(ranks).average().orElse(Double.NaN), median,
                rows.stream().mapToDouble(r -> r.rank() / Math.max(1, r.candidates())).average().orElse(Double.NaN),
                rows.stream().mapToDouble(Ranked::positionPercentile).average().orElse(Double.NaN));
    }

    private RgbImage read(CocoDataset.Image image) {
        Path file = images.resolve(image.fileName());
        try {
            return Images.readRgb(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** The scorers compared: the built-in scorer as it was, each new cue alone, and the new default. */
    static Map<String, Function<ScalePrior, PlacementScorer>> variants() {
        Set<String> airborne = Set.of("airplane", "aeroplane", "bird", "kite");
        Map<String, Function<ScalePrior, PlacementScorer>> v = new LinkedHashMap<>();
        v.put("built-in, before (horizon support, class scale prior)",
                p -> new BuiltinScorer(p, BuiltinScorer.Settings.before(128, 0.5, airborne)));
        BuiltinScorer.Settings before = BuiltinScorer.Settings.before(128, 0.5, airborne);
        if (Boolean.getBoolean("plausibility.grid")) {
            for (double e : new double[] {0, 0.25, 0.5}) {
                v.put("before, size exponent " + e, p -> new BuiltinScorer(p, before.withSizeExponent(e)));
                for (double w : new double[] {0, 0.5, 1}) {
                    v.put("support surfaces, neighbours " + w + ", size exponent " + e, p -> new BuiltinScorer(p,
                            before.withSupportSurfaces(BuiltinScorer.SUPPORT_SURFACES).withNeighbourWeight(w)
                                    .withSizeExponent(e)));
                }
            }
        }
        if (Boolean.getBoolean("plausibility.ablations")) {
            v.put("before: scale prior only", p -> new BuiltinScorer(p, before, true, false, false));
            v.put("before: horizon support only", p -> new BuiltinScorer(p, before, false, true, false));
            v.put("before: occupancy only", p -> new BuiltinScorer(p, before, false, false, true));
            v.put("before: no occupancy", p -> new BuiltinScorer(p, before, true, true, false));
        }
        v.put("before + support surfaces", p -> new BuiltinScorer(p, before.withSupportSurfaces(BuiltinScorer.SUPPORT_SURFACES)));
        v.put("before + neighbours 0.5", p -> new BuiltinScorer(p, before.withNeighbourWeight(0.5)));
        if (Boolean.getBoolean("plausibility.neighbours")) {
            for (double w : new double[] {0.25, 0.75, 1}) {
                v.put("before + neighbours " + w, p -> new BuiltinScorer(p, before.withNeighbourWeight(w)));
            }
        }
        v.put("built-in, now (support surfaces, neighbours 0.5)",
                p -> new BuiltinScorer(p, new BuiltinScorer.Settings(128, 0.5, airborne)));
        return v;
    }

    public static void main(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("images", "../shared/data/coco-mini/train2017");
        o.put("annotations", "../shared/data/coco-mini/annotations/instances_train2017.json");
        o.put("prior-from", "tune");
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--") || !o.containsKey(args[i].substring(2))) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; options: " + o.keySet());
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in --name value pairs; options: " + o.keySet());
        }
        PlacementPlausibility eval = new PlacementPlausibility(Path.of(o.get("annotations")), Path.of(o.get("images")));
        ScalePrior prior = eval.prior(EvaluationSplit.parse(o.get("prior-from")));
        System.out.println("command: ./mvnw -q compile exec:java -Dexec.mainClass=" + PlacementPlausibility.class.getName()
                + " -Dexec.args=\"--images " + o.get("images") + " --annotations " + o.get("annotations")
                + " --prior-from " + o.get("prior-from") + "\"");
        System.out.println("scale prior from: " + o.get("prior-from") + "; a candidate finds the object at IoU >= "
                + HIT_IOU + "; objects: non-crowd, area >= " + (int) MIN_AREA + " px");
        System.out.println();
        StringBuilder head = new StringBuilder("| split | scorer | objects |");
        StringBuilder rule = new StringBuilder("|---|---|---:|");
        for (int k : K) {
            head.append(" recall@").append(k).append(" |");
            rule.append("---:|");
        }
        System.out.println(head.append(" mean rank | median rank | mean rank / candidates | position rank / candidates at the real scale |"));
        System.out.println(rule.append("---:|---:|---:|---:|"));
        Map<String, PlacementScorer> scorers = new LinkedHashMap<>();
        variants().forEach((name, f) -> scorers.put(name, f.apply(prior)));
        for (EvaluationSplit split : Boolean.getBoolean("plausibility.tuneOnly") ? List.of(EvaluationSplit.TUNE)
                : List.of(EvaluationSplit.TUNE, EvaluationSplit.REPORT, EvaluationSplit.ALL)) {
            Map<String, List<Ranked>> ranked = eval.run(split, prior, scorers);
            ranked.forEach((name, rows) -> System.out.println(summarise(name, rows).row(label(split))));
        }
    }

    /** {@code tune (even ids)}, {@code report (odd ids)}, {@code all}: how the tables name the splits. */
    static String label(EvaluationSplit split) {
        return switch (split) {
            case TUNE -> "tune (even ids)";
            case REPORT -> "report (odd ids)";
            case ALL -> "all";
        };
    }
}
