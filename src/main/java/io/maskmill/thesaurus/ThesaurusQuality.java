package io.maskmill.thesaurus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import io.maskmill.imaging.EvaluationSplit;

/**
 * Checks a thesaurus against object co-occurrence that really exists: in COCO instance
 * annotations, which classes appear in the same image as class b? For each class b present, the
 * other classes o are ranked by the thesaurus's P(o|b) = Similarity(o, b) (ties by caption frequency
 * n(o), as the lookup breaks them) and compared with the annotations: precision@3 (how many of the 3
 * top-ranked co-occur with b in some image) and Spearman's rank correlation with the annotated P(o|b).
 * precision@3 is also given without the dominant class (the class in the most images, "person" in
 * COCO), which co-occurs with almost everything and would otherwise earn most of the score. References
 * in the same run: ranking by overall caption frequency n(o) (no context), and chance. For the lookup's
 * draw ({@link ObjectSampler}) at each temperature: the expected share of drawn classes that co-occur
 * with b, and the entropy of the draw. Only the images of one {@link EvaluationSplit} are used.
 */
public final class ThesaurusQuality {
    /** Temperatures whose draw is evaluated; 0 is the deterministic choice. */
    public static final double[] TEMPERATURES = {0, 1, 2, 3};
    /** The draw is among this many best-ranked classes (the lookup's default top k). */
    static final int DRAW_FROM = 5;

    /** Per-class figures; {@code drawPrecision}/{@code drawEntropy} per {@link #TEMPERATURES}. */
    public record ClassResult(String name, int images, int cooccurring, double precisionAt3,
            double popularityPrecisionAt3, double chancePrecisionAt3, double spearman, double popularitySpearman,
            List<String> top3, double precisionAt3NoDominant, double popularityPrecisionAt3NoDominant,
            double chancePrecisionAt3NoDominant, List<String> top3NoDominant, double[] drawPrecision,
            double[] drawEntropy) {
    }

    /** Macro averages over the evaluated classes, and the per-class rows. */
    public record Summary(int evaluated, int skipped, double precisionAt3, double popularityPrecisionAt3,
            double chancePrecisionAt3, double spearman, double popularitySpearman, List<ClassResult> classes,
            EvaluationSplit split, int images, String dominant, double precisionAt3NoDominant,
            double popularityPrecisionAt3NoDominant, double chancePrecisionAt3NoDominant, double[] drawPrecision,
            double[] drawEntropy) {
    }

    private ThesaurusQuality() {
    }

    public static Summary evaluate(ThesaurusTable table, Path cocoInstances) throws IOException {
        return evaluate(table, cocoInstances, EvaluationSplit.ALL);
    }

    public static Summary evaluate(ThesaurusTable table, Path cocoInstances, EvaluationSplit split) throws IOException {
        JsonNode root = new ObjectMapper().readTree(cocoInstances.toFile());
        Map<Long, String> categories = new HashMap<>();
        for (JsonNode c : root.path("categories")) {
            categories.put(c.path("id").asLong(), c.path("name").asText());
        }
        if (categories.isEmpty()) {
            throw new IOException(cocoInstances + ": no 'categories': not a COCO instances file");
        }
        List<String> names = new ArrayList<>(new TreeSet<>(categories.values()));
        int[] concept = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            concept[i] = table.lexicon().indexOf(names.get(i));
            if (concept[i] < 0) {
                throw new IllegalArgumentException("COCO class '" + names.get(i) + "' is not in the thesaurus;"
                        + " build it with --classes coco80");
            }
        }
        Map<Long, Set<Integer>> imageClasses = new HashMap<>();
        for (JsonNode a : root.path("annotations")) {
            long image = a.path("image_id").asLong();
            if (!split.contains(image)) {
                continue;
            }
            String name = categories.get(a.path("category_id").asLong());
            if (name == null) {
                throw new IOException(cocoInstances + ": annotation " + a.path("id").asText() + " has category "
                        + a.path("category_id").asText() + ", which is not among the categories");
            }
            imageClasses.computeIfAbsent(image, k -> new TreeSet<>()).add(names.indexOf(name));
        }
        int k = names.size();
        int[] images = new int[k];
        int[][] together = new int[k][k];
        for (Set<Integer> present : imageClasses.values()) {
            for (int b : present) {
                images[b]++;
                for (int o : present) {
                    if (o != b) {
                        together[b][o]++;
                    }
                }
            }
        }
        int dominant = 0;
        for (int c = 1; c < k; c++) {
            if (images[c] > images[dominant]) {
                dominant = c;
            }
        }
        long[] frequency = new long[k];
        for (int c = 0; c < k; c++) {
            frequency[c] = table.count(concept[c]);
        }

        List<ClassResult> results = new ArrayList<>();
        int skipped = 0;
        for (int b = 0; b < k; b++) {
            int cooccurring = (int) Arrays.stream(together[b]).filter(n -> n > 0).count();
            if (images[b] == 0 || cooccurring == 0) {
                continue;
            }
            if (table.count(concept[b]) == 0) {
                skipped++;
                continue;
            }
            final int bb = b;
            int[] others = IntStream.range(0, k).filter(o -> o != bb).toArray();
            double[] truth = new double[others.length];
            double[] thesaurus = new double[others.length];
            double[] popularity = new double[others.length];
            for (int i = 0; i < others.length; i++) {
                truth[i] = (double) together[b][others[i]] / images[b];
                thesaurus[i] = table.similarity(concept[others[i]], concept[b]);
                popularity[i] = frequency[others[i]];
            }
            final int d = dominant;
            int[] withoutDominant = Arrays.stream(others).filter(o -> o != d).toArray();
            double[] thesaurusNd = Arrays.stream(withoutDominant).mapToDouble(o -> table.similarity(concept[o], concept[bb])).toArray();
            double[] popularityNd = Arrays.stream(withoutDominant).mapToDouble(o -> frequency[o]).toArray();
            int cooccurringNd = cooccurring - (b != d && together[b][d] > 0 ? 1 : 0);
            List<Integer> ranked = order(others, thesaurus, frequency, names);
            double[] drawPrecision = new double[TEMPERATURES.length];
            double[] drawEntropy = new double[TEMPERATURES.length];
            List<ObjectSampler.Candidate> top = ranked.stream().limit(DRAW_FROM).filter(i -> thesaurus[i] > 0)
                    .map(i -> new ObjectSampler.Candidate(names.get(others[i]), thesaurus[i], frequency[others[i]])).toList();
            for (int t = 0; t < TEMPERATURES.length; t++) {
                double[] p = ObjectSampler.probabilities(top, TEMPERATURES[t]);
                double hit = 0;
                double h = 0;
                for (int i = 0; i < p.length; i++) {
                    hit += together[b][names.indexOf(top.get(i).name())] > 0 ? p[i] : 0;
                    h -= p[i] > 0 ? p[i] * Math.log(p[i]) / Math.log(2) : 0;
                }
                drawPrecision[t] = top.isEmpty() ? Double.NaN : hit;
                drawEntropy[t] = top.isEmpty() ? Double.NaN : h;
            }
            results.add(new ClassResult(names.get(b), images[b], cooccurring,
                    precisionAt3(others, thesaurus, frequency, names, together[b]),
                    precisionAt3(others, popularity, frequency, names, together[b]),
                    (double) cooccurring / others.length,
                    Spearman.correlation(thesaurus, truth), Spearman.correlation(popularity, truth),
                    top3(others, thesaurus, frequency, names),
                    precisionAt3(withoutDominant, thesaurusNd, frequency, names, together[b]),
                    precisionAt3(withoutDominant, popularityNd, frequency, names, together[b]),
                    (double) cooccurringNd / withoutDominant.length,
                    top3(withoutDominant, thesaurusNd, frequency, names), drawPrecision, drawEntropy));
        }
        double[] drawPrecision = new double[TEMPERATURES.length];
        double[] drawEntropy = new double[TEMPERATURES.length];
        for (int t = 0; t < TEMPERATURES.length; t++) {
            final int tt = t;
            drawPrecision[t] = mean(results, r -> r.drawPrecision()[tt]);
            drawEntropy[t] = mean(results, r -> r.drawEntropy()[tt]);
        }
        return new Summary(results.size(), skipped,
                mean(results, ClassResult::precisionAt3), mean(results, ClassResult::popularityPrecisionAt3),
                mean(results, ClassResult::chancePrecisionAt3), mean(results, ClassResult::spearman),
                mean(results, ClassResult::popularitySpearman), results, split, imageClasses.size(),
                names.get(dominant), mean(results, ClassResult::precisionAt3NoDominant),
                mean(results, ClassResult::popularityPrecisionAt3NoDominant),
                mean(results, ClassResult::chancePrecisionAt3NoDominant), drawPrecision, drawEntropy);
    }

    /** Best first: by score, then caption frequency n(o) (as the lookup), then name. */
    private static List<Integer> order(int[] others, double[] score, long[] frequency, List<String> names) {
        return IntStream.range(0, others.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -score[i])
                        .thenComparingLong(i -> -frequency[others[i]]).thenComparing(i -> names.get(others[i])))
                .toList();
    }

    private static List<String> top3(int[] others, double[] score, long[] frequency, List<String> names) {
        return order(others, score, frequency, names).stream().limit(3).map(i -> names.get(others[i])).toList();
    }

    private static double precisionAt3(int[] others, double[] score, long[] frequency, List<String> names, int[] together) {
        return order(others, score, frequency, names).stream().limit(3).filter(i -> together[others[i]] > 0).count() / 3.0;
    }

    private static double mean(List<ClassResult> rows, java.util.function.ToDoubleFunction<ClassResult> f) {
        return rows.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
    }

    /** Spearman's rho with average ranks for ties (Pearson correlation of the ranks). */
    static final class Spearman {
        private Spearman() {
        }

        static double correlation(double[] x, double[] y) {
            return pearson(ranks(x), ranks(y));
        }

        static double[] ranks(double[] v) {
            Integer[] idx = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
            Arrays.sort(idx, Comparator.comparingDouble(i -> v[i]));
            double[] ranks = new double[v.length];
            for (int i = 0; i < idx.length; ) {
                int j = i;
                while (j + 1 < idx.length && v[idx[j + 1]] == v[idx[i]]) {
                    j++;
                }
                double rank = (i + j) / 2.0 + 1;
                for (int t = i; t <= j; t++) {
                    ranks[idx[t]] = rank;
                }
                i = j + 1;
            }
            return ranks;
        }

        static double pearson(double[] x, double[] y) {
            double mx = Arrays.stream(x).average().orElse(0);
            double my = Arrays.stream(y).average().orElse(0);
            double sxy = 0;
            double sxx = 0;
            double syy = 0;
            for (int i = 0; i < x.length; i++) {
                sxy += (x[i] - mx) * (y[i] - my);
                sxx += (x[i] - mx) * (x[i] - mx);
                syy += (y[i] - my) * (y[i] - my);
            }
            return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
        }
    }
}
