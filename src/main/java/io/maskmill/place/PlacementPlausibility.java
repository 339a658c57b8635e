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
 * ranked — by score (the argmax placer) and drawn ∝ score without replacement (the default placer,
 * {@link Order#DRAW}); the real location is "found" by a candidate whose box has IoU ≥ 0.5 with the object's
 * real box. Reported: recall@k (the real location among the first k) and the rank of the first such
 * candidate (mean, median, and as a share of the candidates, since their number varies). Uniform random
 * placement is computed exactly: with m finding candidates among N, recall@k = 1 − C(N−m, k)/C(N, k) and
 * the expected first rank is (N+1)/(m+1).
 * <pre>
 * ./mvnw -q compile exec:java -Dexec.mainClass=io.maskmill.place.PlacementPlausibility \
 *     -Dexec.args="--images ../shared/data/coco-mini/train2017 --annotations ../shared/data/coco-mini/annotations/instances_train2017.json"
 * </pre>
 * {@code --search draw} (or {@code score}) first chooses the context scorer's weights on the tune split;
 * {@code -Dplausibility.ablations=true} adds the ablation rows, {@code -Dplausibility.tuneOnly=true} skips the
 * report and all splits.
 * The scale prior and the placement context table the scorers use are derived from the tune split's images
 * (even ids) only, so the report split (odd ids) is one no parameter and no statistic was taken from.
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

    /** One evaluable object: the query the scorers get (its class hidden from the scene) and its real box. */
    record Case(long annotation, String className, PlacementQuery query, Scales scales, int width, int height, Box real) {
    }

    /** Every evaluable object of the split's images, one after another (a scene per object, the object hidden). */
    void forEachCase(EvaluationSplit split, ScalePrior prior, java.util.function.Consumer<Case> visit) {
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
                PlacementQuery query = new PlacementQuery(new Scene(photo, scene, 1), cut, className, scales, cues, classes);
                visit.accept(new Case(hidden.id(), className, query, scales, image.width(), image.height(), real));
            }
        }
    }

    /** The placement context table from the images of one split only. */
    public PlacementContext context(EvaluationSplit split) {
        List<CocoDataset.Image> kept = coco.images().stream().filter(i -> split.contains(i.id())).toList();
        List<CocoDataset.Annotation> annotations = coco.annotations().stream()
                .filter(a -> split.contains(a.imageId())).toList();
        return PlacementContext.of(new CocoDataset(kept, coco.categories(), annotations), label(split));
    }

    /** The row suffix of a scorer's candidates drawn ∝ score ({@link Order#DRAW}). */
    static final String DRAWN = ", drawn ∝ F_h";

    /** Ranks the real location of every evaluable object of the split's images under each scorer. */
    public Map<String, List<Ranked>> run(EvaluationSplit split, ScalePrior prior, Map<String, PlacementScorer> scorers) {
        Map<String, List<Ranked>> out = new LinkedHashMap<>();
        scorers.keySet().forEach(k -> {
            out.put(k, new ArrayList<>());
            out.put(k + DRAWN, new ArrayList<>());
        });
        out.put("uniform random", new ArrayList<>());
        forEachCase(split, prior, c -> {
            Ranked random = null;
            for (Map.Entry<String, PlacementScorer> s : scorers.entrySet()) {
                ScoreMaps maps = s.getValue().score(c.query());
                out.get(s.getKey()).add(rank(c.annotation(), c.className(), maps, c.scales(), c.width(), c.height(), c.real(), Order.SCORE));
                out.get(s.getKey() + DRAWN).add(rank(c.annotation(), c.className(), maps, c.scales(), c.width(), c.height(), c.real(), Order.DRAW));
                if (random == null) {
                    random = rank(c.annotation(), c.className(), maps, c.scales(), c.width(), c.height(), c.real(), true);
                }
            }
            out.get("uniform random").add(random);
        });
        return out;
    }

    /**
     * The context scorer's cue weights, chosen by coordinate descent on one split (the tune split): per object,
     * every finding candidate's cue values and a seeded 1/{@value #SEARCH_SUBSAMPLE} sample of the others; a
     * weight vector's rank of the first finder is estimated from the sample. The objective is the larger of
     * mean rank / random's and median rank / random's (better than random on both, by as much as possible);
     * each cue's weight is tried at 0, ⅛ … 8 and the uniform share at 0 … 0.7 with the others fixed, three passes.
     */
    ContextScorer.Weights search(EvaluationSplit split, ScalePrior prior, PlacementContext context,
            ContextScorer.Settings settings, Order objective) {
        ContextScorer scorer = new ContextScorer(prior, context, settings);
        List<float[][]> finders = new ArrayList<>(), others = new ArrayList<>();
        List<Double> randomRanks = new ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(16);
        forEachCase(split, prior, c -> {
            ContextScorer.Cues cues = scorer.cues(c.query());
            List<float[]> f = new ArrayList<>(), o = new ArrayList<>();
            int gw = cues.gridWidth();
            ScoreMaps layout = new ScoreMaps(gw, cues.gridHeight(), new float[0][]);
            for (int i = 0; i < c.scales().count(); i++) {
                if (cues.maps()[0][i] == null) {
                    continue;
                }
                int w = c.scales().width()[i], h = c.scales().height()[i];
                for (int cell = 0; cell < gw * cues.gridHeight(); cell++) {
                    if (Float.isNaN(cues.maps()[0][i][cell])) {
                        continue;
                    }
            
                    int x0 = layout.centreX(cell % gw, c.width()) - w / 2, y0 = layout.centreY(cell / gw, c.height()) - h / 2;
                    boolean finds = iou(c.real(), x0, y0, w, h) >= HIT_IOU;
                    if (finds || random.nextInt(SEARCH_SUBSAMPLE) == 0) {
                        float[] v = new float[ContextScorer.CUES.size()];
                        for (int k = 0; k < v.length; k++) {
                            v[k] = cues.maps()[k][i][cell];
                        }
                        (finds ? f : o).add(v);
                    }
                }
            }
            if (!f.isEmpty()) {
                finders.add(f.toArray(float[][]::new));
                others.add(o.toArray(float[][]::new));
                int n = 0;
                for (int i = 0; i < c.scales().count(); i++) {
                    for (int cell = 0; cues.maps()[0][i] != null && cell < cues.maps()[0][i].length; cell++) {
                        n += Float.isNaN(cues.maps()[0][i][cell]) ? 0 : 1;
                    }
                }
                randomRanks.add((n + 1.0) / (f.size() + 1.0));
            }
        });
        double[] grid = {0, 0.125, 0.25, 0.5, 1, 2, 4, 8};
        double[] r = randomRanks.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double randomMean = Arrays.stream(r).average().orElse(Double.NaN), randomMedian = r[r.length / 2];
        double[] reference = {randomMean, randomMedian};
        ContextScorer.Weights best = settings.weights();
        double bestMean = estimate(best, finders, others, objective, reference)[0];
        System.out.printf(Locale.ROOT, "search on %s, %d objects (random: mean rank %.0f, median %.0f): start %s objective %.3f%n",
                label(split), finders.size(), randomMean, randomMedian, best, bestMean);
        for (int pass = 0; pass < 3; pass++) {
            for (double u : objective == Order.DRAW ? new double[] {0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7} : new double[0]) {
                ContextScorer.Weights w = best.withUniform(u);
                double[] e = estimate(w, finders, others, objective, reference);
                if (e[0] < bestMean - 1e-9) {
                    best = w;
                    bestMean = e[0];
                    System.out.printf(Locale.ROOT, "  %s: objective %.3f, mean rank %.0f, median %.0f, geometric mean %.0f%n", w,
                            e[0], e[1], e[2], e[3]);
                }
            }
            for (int k = 0; k < ContextScorer.CUES.size(); k++) {
                for (double g : grid) {
                    ContextScorer.Weights w = best.with(k, g);
                    double[] e = estimate(w, finders, others, objective, reference);
                    if (e[0] < bestMean - 1e-9) {
                        best = w;
                        bestMean = e[0];
                        System.out.printf(Locale.ROOT, "  %s: objective %.3f, mean rank %.0f, median %.0f, geometric mean %.0f%n", w,
                                e[0], e[1], e[2], e[3]);
                    }
                }
            }
        }
        for (double u : objective == Order.DRAW ? new double[] {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7} : new double[0]) {
            double[] e = estimate(best.withUniform(u), finders, others, objective, reference);
            System.out.printf(Locale.ROOT, "  uniform share %.1f: objective %.3f, mean rank %.0f, median %.0f, geometric mean %.0f%n", u,
                    e[0], e[1], e[2], e[3]);
        }
        return best;
    }

    static final int SEARCH_SUBSAMPLE = 8;

    /** {mean rank, median rank, recall@10, recall@50} estimated from the sampled candidates. */
    private static double[] estimate(ContextScorer.Weights weights, List<float[][]> finders, List<float[][]> others,
            Order objective, double[] random) {
        double[] w = {weights.size(), weights.position(), weights.support(), weights.near(), weights.free()};
        double[] ranks = new double[finders.size()];
        for (int j = 0; j < ranks.length; j++) {
            if (objective == Order.DRAW) {
                // the mixture (1 − u)·e^s/Z + u/N, with Z and N estimated from the sample
                double zf = 0, zo = 0;
                for (float[] v : finders.get(j)) {
                    zf += Math.exp(dot(w, v));
                }
                for (float[] v : others.get(j)) {
                    zo += Math.exp(dot(w, v));
                }
                double z = zf + SEARCH_SUBSAMPLE * zo, n = finders.get(j).length + SEARCH_SUBSAMPLE * others.get(j).length;
                double u = weights.uniform();
                double wf = (1 - u) * zf / z + u * finders.get(j).length / n;
                double rank = 1;
                for (float[] v : others.get(j)) {
                    double e = (1 - u) * Math.exp(dot(w, v)) / z + u / n;
                    rank += SEARCH_SUBSAMPLE * e / (e + wf);
                }
                ranks[j] = rank;
                continue;
            }
            double best = Double.NEGATIVE_INFINITY;
            for (float[] v : finders.get(j)) {
                best = Math.max(best, dot(w, v));
            }
            int above = 0, tied = 0;
            for (float[] v : others.get(j)) {
                double s = dot(w, v);
                above += s > best ? 1 : 0;
                tied += s == best ? 1 : 0;
            }
            ranks[j] = 1 + SEARCH_SUBSAMPLE * (above + tied / 2.0);
        }
        double mean = Arrays.stream(ranks).average().orElse(Double.NaN);
        double meanLog = Arrays.stream(ranks).map(Math::log).average().orElse(Double.NaN);
        double[] sorted = ranks.clone();
        Arrays.sort(sorted);
        // minimax against uniform random: the worse of mean rank and median rank, each over random's
        return new double[] {Math.max(mean / random[0], sorted[sorted.length / 2] / random[1]), mean, sorted[sorted.length / 2],
                Math.exp(meanLog)};
    }

    private static double dot(double[] w, float[] v) {
        double s = 0;
        for (int k = 0; k < w.length; k++) {
            if (w[k] != 0) {
                s += w[k] * Math.max(ContextScorer.LOG_FLOOR, v[k]);
            }
        }
        return Math.max(ContextScorer.LOG_FLOOR, s);
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

    /**
     * How a scorer's candidates are ordered: by score (ties at random: the argmax placer, and the protocol of the
     * first round), uniformly at random (exact expectations), or drawn one after another with probability ∝ score
     * without replacement (a placer that samples F_h; uniform random is this with a flat F_h).
     */
    enum Order {
        SCORE, RANDOM, DRAW
    }

    static Ranked rank(long id, String className, ScoreMaps maps, Scales scales, int width, int height, Box real,
            boolean random) {
        return rank(id, className, maps, scales, width, height, real, random ? Order.RANDOM : Order.SCORE);
    }

    static Ranked rank(long id, String className, ScoreMaps maps, Scales scales, int width, int height, Box real,
            Order order) {
        boolean random = order == Order.RANDOM;
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
        if (order == Order.DRAW) {
            double rank = drawnFirstFinder(candidates);
            found = drawnRecall(candidates, new java.util.SplittableRandom(id));
            return new Ranked(id, className, n, m, rank, found, drawnFirstFinder(atScale) / atScale.size());
        }
        double rank = firstFinder(candidates);
        for (int k = 0; k < K.length; k++) {
            found[k] = rank <= K[k] ? 1 : 0;
        }
        return new Ranked(id, className, n, m, rank, found, firstFinder(atScale) / atScale.size());
    }

    /**
     * The expected rank of the first finding candidate when candidates are drawn without replacement with
     * probability ∝ score: as an exponential race (candidate j arrives at T_j ~ Exp(w_j), in that order), a
     * non-finder j comes before every finder with probability w_j / (w_j + W_F), W_F the finders' total, so
     * E[rank] = 1 + Σ_j w_j / (w_j + W_F) — exactly (N+1)/(m+1) for equal weights.
     */
    static double drawnFirstFinder(List<float[]> candidates) {
        double wf = 0;
        for (float[] c : candidates) {
            wf += c[1] > 0 ? weight(c[0]) : 0;
        }
        if (wf == 0) {
            return firstFinder(candidates); // every finder scores 0: drawn only after the positive ones, at random
        }
        double rank = 1;
        for (float[] c : candidates) {
            if (c[1] == 0) {
                double w = weight(c[0]);
                rank += w / (w + wf);
            }
        }
        return rank;
    }

    private static double weight(float score) {
        return Math.max(0, score);
    }

    /**
     * recall@k of the draw ∝ score, by {@value #DRAW_TRIALS} seeded exponential races: the first finder arrives
     * at Exp(W_F), non-finder j at E_j / w_j with E_j ~ Exp(1) (from a fixed table of exponential variates, which
     * spares a logarithm per candidate and trial).
     */
    private static double[] drawnRecall(List<float[]> candidates, java.util.SplittableRandom random) {
        double[] found = new double[K.length];
        double wf = 0;
        for (float[] c : candidates) {
            wf += c[1] > 0 ? weight(c[0]) : 0;
        }
        if (wf == 0) {
            return found;
        }
        for (int t = 0; t < DRAW_TRIALS; t++) {
            double first = -Math.log(1 - random.nextDouble()) / wf; // when the first finder arrives
            int before = 0;
            for (float[] c : candidates) {
                double w = weight(c[0]);
                if (c[1] == 0 && EXPONENTIALS[random.nextInt(EXPONENTIALS.length)] < first * w) {
                    before++;
                }
            }
            for (int k = 0; k < K.length; k++) {
                found[k] += before < K[k] ? 1.0 / DRAW_TRIALS : 0;
            }
        }
        return found;
    }

    /** 2^20 Exp(1) variates, seeded. */
    private static final double[] EXPONENTIALS = new java.util.SplittableRandom(20).doubles(1 << 20)
            .map(u -> -Math.log(1 - u)).toArray();

    static final int DRAW_TRIALS = 16;

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

    /** A scorer built from the tune split's statistics. */
    interface Variant {
        PlacementScorer of(ScalePrior prior, PlacementContext context);
    }

    static final Set<String> AIRBORNE = Set.of("airplane", "aeroplane", "bird", "kite");

    /**
     * The scorers compared: the free-space scorer as it was first and before this evaluation's second round, the
     * context scorer (the default) and, with {@code -Dplausibility.ablations=true}, each of its cues left out
     * and alone.
     */
    static Map<String, Variant> variants(ContextScorer.Weights weights) {
        Map<String, Variant> v = new LinkedHashMap<>();
        BuiltinScorer.Settings first = BuiltinScorer.Settings.before(128, 0.5, AIRBORNE);
        v.put("free-space, first (horizon support, class scale prior)", (p, c) -> new BuiltinScorer(p, first));
        v.put("free-space (+ support surfaces, neighbours; the default before)",
                (p, c) -> new BuiltinScorer(p, new BuiltinScorer.Settings(128, 0.5, AIRBORNE)));
        ContextScorer.Settings context = ContextScorer.Settings.defaults(AIRBORNE).withWeights(weights);
        v.put("context (the default now)", (p, c) -> new ContextScorer(p, c, context));
        if (Boolean.getBoolean("plausibility.ablations")) {
            double[] w = {weights.size(), weights.position(), weights.support(), weights.near(), weights.free()};
            for (int k = 0; k < w.length; k++) {
                String cue = ContextScorer.CUES.get(k);
                ContextScorer.Weights changed = weights.with(k, w[k] == 0 ? 1 : 0);
                v.put(w[k] == 0 ? "context + " + cue + " (weight 1)" : "context without " + cue,
                        (p, c) -> new ContextScorer(p, c, context.withWeights(changed)));
                ContextScorer.Weights alone = new ContextScorer.Weights(0, 0, 0, 0, 0, weights.uniform()).with(k, w[k] == 0 ? 1 : w[k]);
                v.put(cue + " only", (p, c) -> new ContextScorer(p, c, context.withWeights(alone)));
            }
            v.put("context + size by class prior only, no neighbours (weight 1)",
                    (p, c) -> new ContextScorer(p, c, context.withNeighbourWeight(0).withWeights(weights.with(0, 1))));
            v.put("the first context search (size ¼, position ¼, support ⅛, near 4, free 8, uniform ½)",
                    (p, c) -> new ContextScorer(p, c, context.withWeights(new ContextScorer.Weights(0.25, 0.25, 0.125, 4, 8, 0.5))));
            v.put("context without the uniform share",
                    (p, c) -> new ContextScorer(p, c, context.withWeights(weights.withUniform(0))));
        }
        return v;
    }

    public static void main(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("images", "../shared/data/coco-mini/train2017");
        o.put("annotations", "../shared/data/coco-mini/annotations/instances_train2017.json");
        o.put("prior-from", "tune");
        o.put("search", "none");
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
        EvaluationSplit from = EvaluationSplit.parse(o.get("prior-from"));
        ScalePrior prior = eval.prior(from);
        PlacementContext context = eval.context(from);
        System.out.println("command: ./mvnw -q compile exec:java -Dexec.mainClass=" + PlacementPlausibility.class.getName()
                + " -Dexec.args=\"--images " + o.get("images") + " --annotations " + o.get("annotations")
                + " --prior-from " + o.get("prior-from") + " --search " + o.get("search") + "\"");
        System.out.println("scale prior and placement context from: " + o.get("prior-from") + "; a candidate finds the object at IoU >= "
                + HIT_IOU + "; objects: non-crowd, area >= " + (int) MIN_AREA + " px");
        ContextScorer.Weights weights = ContextScorer.DEFAULT_WEIGHTS;
        if (!o.get("search").equals("none")) {
            Order objective = switch (o.get("search")) {
                case "score" -> Order.SCORE;
                case "draw" -> Order.DRAW;
                default -> throw new IllegalArgumentException("--search is none, score (rank by score) or draw (drawn ∝ score), got "
                        + o.get("search"));
            };
            weights = eval.search(EvaluationSplit.TUNE, prior, context, ContextScorer.Settings.defaults(AIRBORNE)
                    .withWeights(new ContextScorer.Weights(1, 1, 1, 1, 1)), objective);
            System.out.println("searched weights (tune split): " + weights);
        }
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
        variants(weights).forEach((name, f) -> scorers.put(name, f.of(prior, context)));
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
