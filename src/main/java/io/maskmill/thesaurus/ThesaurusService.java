package io.maskmill.thesaurus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Chooses which objects to add to a sample (the thesaurus stage of DiffuMask-Editor): finds the
 * scene words of the sample's prompt (falling back to the sample's class as the context), ranks the
 * job's classes o by Similarity(o, b) = n(o, b) / n(b) over those contexts, keeps the top k above a
 * minimum similarity whose context has enough support n(b), draws {@code count} of them (seeded,
 * weighted by similarity) and picks one kept single-object sample of each class from the pool.
 * Thread-safe; lookups allocate little and take microseconds.
 */
public final class ThesaurusService {
    /**
     * @param topK             how many of the best classes are eligible
     * @param count            how many objects to add (drawn from the top k, weighted by similarity)
     * @param minSimilarity    Similarity(o, b) below this never qualifies
     * @param minSupport       a context b counts only if n(b) is at least this (ratios of tiny counts are noise)
     * @param allowSampleClass whether the sample's own class may be added (off: never the same class twice)
     * @param temperature      T of the draw from the top k, p ∝ Similarity^(1/T) ({@link ObjectSampler}):
     *                         0 always the best-ranked, 1 in proportion to P(o|b), higher flatter
     */
    public record Config(int topK, int count, double minSimilarity, long minSupport, boolean allowSampleClass,
            double temperature) {
        /** The default temperature, {@value}: see thesaurus.md, "Variety". */
        public static final double DEFAULT_TEMPERATURE = 2.0;

        public Config(int topK, int count, double minSimilarity, long minSupport, boolean allowSampleClass) {
            this(topK, count, minSimilarity, minSupport, allowSampleClass, DEFAULT_TEMPERATURE);
        }

        public Config {
            if (!(temperature >= 0) || Double.isInfinite(temperature)) {
                throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
            }
            if (topK < 1 || count < 1 || count > topK) {
                throw new IllegalArgumentException("need 1 <= count <= topK, got count " + count + ", topK " + topK);
            }
            if (!(minSimilarity >= 0 && minSimilarity <= 1) || minSupport < 0) {
                throw new IllegalArgumentException("minSimilarity must be in [0,1] and minSupport >= 0");
            }
        }

        /** topK 5, count 1, minSimilarity 0.02, minSupport 20, sample's class excluded, temperature 2. */
        public static Config defaults() {
            return new Config(5, 1, 0.02, 20, false, DEFAULT_TEMPERATURE);
        }

        public Config withTemperature(double t) {
            return new Config(topK, count, minSimilarity, minSupport, allowSampleClass, t);
        }
    }

    /**
     * @param sampleId  the sample being edited (never picked from the pool; mixed into the seed)
     * @param className the sample's class
     * @param prompt    the prompt its image was generated from
     * @param pool      class name → ids of kept single-object samples that may be pasted in
     * @param seed      job seed; the same request and seed always give the same selection
     */
    public record Request(String sampleId, String className, String prompt, Map<String, List<String>> pool,
            long seed) {
    }

    /**
     * One object to add: its class, the pool sample chosen, and what justified it: the context b,
     * Similarity(o, b), n(b) and n(o, b).
     */
    public record Choice(String className, String sampleId, double similarity, String context, long contextCount,
            long pairCount) {
    }

    /** The objects chosen (empty with a reason when nothing fits) and the contexts used. */
    public record Selection(List<Choice> objects, List<String> contexts, String reason) {
        public boolean isEmpty() {
            return objects.isEmpty();
        }
    }

    private final ThesaurusTable table;
    private final Config config;
    private final ThreadLocal<TermMatcher> matchers;
    private final ThreadLocal<int[]> found;

    public ThesaurusService(ThesaurusTable table, Config config) {
        this.table = table;
        this.config = config;
        TermIndex index = TermIndex.compile(table.lexicon());
        this.matchers = ThreadLocal.withInitial(index::newMatcher);
        this.found = ThreadLocal.withInitial(() -> new int[table.lexicon().size()]);
    }

    /** The service over the table shipped with Maskmill. */
    public static ThesaurusService withDefaultTable(Config config) {
        return new ThesaurusService(ThesaurusTable.loadDefault(), config);
    }

    public ThesaurusTable table() {
        return table;
    }

    public Config config() {
        return config;
    }

    public Selection select(Request request) {
        if (request == null || request.className() == null || request.className().isBlank()) {
            throw new IllegalArgumentException("request needs the sample's class");
        }
        Lexicon lexicon = table.lexicon();
        int sampleClass = lexicon.indexOf(request.className());
        List<Integer> contexts = contexts(request.prompt() == null ? "" : request.prompt(), sampleClass);
        if (contexts.isEmpty()) {
            return empty(List.of(), "no context: the prompt has no scene word with n(b) >= " + config.minSupport()
                    + (sampleClass < 0 ? " and class '" + request.className() + "' is not in the thesaurus"
                    : " and class '" + request.className() + "' has n(b) = " + table.count(sampleClass)));
        }
        List<String> contextNames = contexts.stream().map(c -> lexicon.concept(c).name()).toList();

        List<Scored> eligible = new ArrayList<>();
        Scored best = null;
        List<String> unknown = new ArrayList<>();
        // sorted, so that the pool map's iteration order cannot change the result
        for (Map.Entry<String, List<String>> entry : new TreeMap<>(request.pool() == null ? Map.of() : request.pool()).entrySet()) {
            int o = lexicon.indexOf(entry.getKey());
            if (o < 0 || !lexicon.concept(o).isClass()) {
                unknown.add(entry.getKey());
                continue;
            }
            if (o == sampleClass && !config.allowSampleClass()) {
                continue;
            }
            List<String> samples = entry.getValue() == null ? List.of() : entry.getValue();
            if (samples.isEmpty() || samples.size() == 1 && samples.get(0).equals(request.sampleId())) {
                continue; // nothing to paste but the sample itself
            }
            Scored s = score(entry.getKey(), o, contexts, samples);
            if (best == null || s.similarity > best.similarity) {
                best = s;
            }
            if (s.similarity > 0 && s.similarity >= config.minSimilarity()) {
                eligible.add(s);
            }
        }
        if (eligible.isEmpty()) {
            String why = best == null
                    ? "the pool has no class (other than the sample's) with samples"
                    + (unknown.isEmpty() ? "" : "; not in the thesaurus: " + unknown)
                    : "no pool class reaches similarity " + config.minSimilarity() + " with " + contextNames
                    + " (best: " + best.name + " " + String.format(java.util.Locale.ROOT, "%.4f", best.similarity) + ")";
            return empty(contextNames, why);
        }
        // ranked by similarity, then caption frequency n(o), then name; the draw is ObjectSampler's
        eligible.sort(Comparator.comparing((Scored s) -> s.candidate(table), ObjectSampler.RANKING));
        List<Scored> top = new ArrayList<>(eligible.subList(0, Math.min(config.topK(), eligible.size())));

        SplittableRandom random = new SplittableRandom(request.seed() * 0x9E3779B97F4A7C15L
                + (request.sampleId() == null ? 0 : request.sampleId().hashCode()));
        List<Choice> choices = new ArrayList<>();
        List<ObjectSampler.Candidate> ranked = top.stream().map(s -> s.candidate(table)).toList();
        for (int i : ObjectSampler.draw(ranked, config.count(), config.temperature(), random)) {
            Scored s = top.get(i);
            String sample = drawSample(s.samples, request.sampleId(), random);
            choices.add(new Choice(s.name, sample, s.similarity, lexicon.concept(s.context).name(),
                    table.count(s.context), s.pairCount));
        }
        choices.sort(Comparator.comparingDouble((Choice c) -> -c.similarity()).thenComparing(Choice::className));
        return new Selection(List.copyOf(choices), contextNames, null);
    }

    /** Scene concepts in the prompt with enough support, else the sample's class if it has enough. */
    private List<Integer> contexts(String prompt, int sampleClass) {
        byte[] bytes = prompt.getBytes(StandardCharsets.UTF_8);
        int[] concepts = found.get();
        int n = Math.max(0, matchers.get().match(bytes, 0, bytes.length, concepts));
        List<Integer> contexts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = concepts[i];
            if (table.lexicon().concept(c).isScene() && table.count(c) >= config.minSupport()) {
                contexts.add(c);
            }
        }
        if (contexts.isEmpty() && sampleClass >= 0 && table.count(sampleClass) >= config.minSupport()) {
            contexts.add(sampleClass);
        }
        return contexts;
    }

    /** The best context for object o: max over b of Similarity(o, b). */
    private Scored score(String name, int o, List<Integer> contexts, List<String> samples) {
        Scored s = new Scored(name, o, samples);
        for (int b : contexts) {
            if (b == o) {
                continue;
            }
            double sim = table.similarity(o, b);
            if (s.context < 0 || sim > s.similarity) {
                s.similarity = sim;
                s.context = b;
                s.pairCount = table.count(o, b);
            }
        }
        if (s.context < 0) {
            s.context = contexts.get(0);
        }
        return s;
    }

    /** A uniformly drawn pool sample other than the one being edited (the pool list is not copied). */
    private static String drawSample(List<String> samples, String exclude, SplittableRandom random) {
        int excluded = exclude == null ? -1 : samples.indexOf(exclude);
        if (excluded < 0) {
            return samples.get(random.nextInt(samples.size()));
        }
        int i = random.nextInt(samples.size() - 1);
        return samples.get(i >= excluded ? i + 1 : i);
    }

    private static Selection empty(List<String> contexts, String reason) {
        return new Selection(List.of(), contexts, reason);
    }

    private static final class Scored {
        final String name;
        final int concept;
        final List<String> samples;
        double similarity;
        int context = -1;
        long pairCount;

        Scored(String name, int concept, List<String> samples) {
            this.name = name;
            this.concept = concept;
            this.samples = samples;
        }

        ObjectSampler.Candidate candidate(ThesaurusTable table) {
            return new ObjectSampler.Candidate(name, similarity, table.count(concept));
        }
    }
}
