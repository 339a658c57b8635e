package io.maskmill.bench;

import io.maskmill.thesaurus.BuildOptions;
import io.maskmill.thesaurus.CooccurrenceCounter;
import io.maskmill.thesaurus.Lexicon;
import io.maskmill.thesaurus.Singularizer;
import io.maskmill.thesaurus.TermIndex;
import io.maskmill.thesaurus.ThesaurusBuilder;
import io.maskmill.thesaurus.ThesaurusService;
import io.maskmill.thesaurus.ThesaurusTable;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Thesaurus build throughput and lookup latency, on the real Flickr8k captions repeated to a few
 * million. Baseline in the same run: a naive matcher that lowercases each caption into a String
 * and scans it with String.contains for every spelling of every phrase.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.mainClass=io.maskmill.bench.ThesaurusBenchmark [-Dexec.args="3000000"]</pre>
 */
public final class ThesaurusBenchmark {
    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 3_000_000;
        Path flickr = Path.of("..", "shared", "data", "captions", "flickr8k.token.txt");
        if (!Files.exists(flickr)) {
            throw new IllegalStateException(flickr.toAbsolutePath() + " is missing; run from the repository root");
        }
        List<byte[]> captions = new ArrayList<>();
        for (String line : Files.readAllLines(flickr, StandardCharsets.UTF_8)) {
            captions.add(line.substring(line.indexOf('\t') + 1).getBytes(StandardCharsets.UTF_8));
        }
        // the corpus, repeated, as one blob with offsets (what a line reader hands over)
        int[] offsets = new int[total + 1];
        long size = 0;
        for (int i = 0; i < total; i++) {
            size += captions.get(i % captions.size()).length;
        }
        byte[] blob = new byte[Math.toIntExact(size)];
        for (int i = 0, at = 0; i < total; i++) {
            byte[] c = captions.get(i % captions.size());
            System.arraycopy(c, 0, blob, at, c.length);
            at += c.length;
            offsets[i + 1] = at;
        }
        Lexicon lexicon = Lexicon.standard();
        TermIndex index = TermIndex.compile(lexicon);
        NaiveMatcher naive = new NaiveMatcher(lexicon);
        int naiveCount = Math.min(total, 200_000);
        System.out.printf(Locale.ROOT, "corpus: Flickr8k %,d captions repeated to %,d (%.1f MB), %d concepts%n",
                captions.size(), total, size / 1e6, lexicon.size());

        // warm-up
        count(index, blob, offsets, Math.min(total, 500_000));
        naive.count(blob, offsets, Math.min(naiveCount, 20_000));

        double matcherRate = best(3, () -> count(index, blob, offsets, total), total);
        double naiveRate = best(2, () -> naive.count(blob, offsets, naiveCount), naiveCount);

        Path file = Files.createTempFile("thesaurus-bench-", ".txt");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
                for (int i = 0; i < total; i++) {
                    out.write(blob, offsets[i], offsets[i + 1] - offsets[i]);
                    out.write('\n');
                }
            }
            ThesaurusBuilder builder = new ThesaurusBuilder(lexicon);
            double fileRate = best(2, () -> builder.build(List.of(file), BuildOptions.defaults()).table().captions(), total);
            System.out.println();
            System.out.println("| build path (1 thread) | captions/s | vs naive |");
            System.out.println("|---|---|---|");
            System.out.printf(Locale.ROOT, "| naive: lowercase String + String.contains per spelling (%,d captions) | %,.0f | 1.0× |%n",
                    naiveCount, naiveRate);
            System.out.printf(Locale.ROOT, "| TermMatcher + counts, captions in memory | %,.0f | %.0f× |%n",
                    matcherRate, matcherRate / naiveRate);
            System.out.printf(Locale.ROOT, "| ThesaurusBuilder on a %,.0f MB text file (read, split lines, match, count) | %,.0f | %.0f× |%n",
                    Files.size(file) / 1e6, fileRate, fileRate / naiveRate);
        } finally {
            Files.deleteIfExists(file);
        }

        lookups(captions);
    }

    private static long count(TermIndex index, byte[] blob, int[] offsets, int n) {
        CooccurrenceCounter counter = new CooccurrenceCounter(index);
        for (int i = 0; i < n; i++) {
            counter.accept(blob, offsets[i], offsets[i + 1] - offsets[i]);
        }
        return counter.toTable().captions();
    }

    interface Run {
        long run() throws Exception;
    }

    /** Best of {@code reps} runs, in items per second (the least disturbed run on a shared machine). */
    private static double best(int reps, Run run, long items) throws Exception {
        double best = 0;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            long sink = run.run();
            long t1 = System.nanoTime();
            if (sink < 0) {
                throw new IllegalStateException();
            }
            best = Math.max(best, items / ((t1 - t0) / 1e9));
        }
        return best;
    }

    private static void lookups(List<byte[]> captions) {
        ThesaurusService service = ThesaurusService.withDefaultTable(ThesaurusService.Config.defaults());
        List<String> voc = new ArrayList<>();
        for (Lexicon.Concept c : service.table().lexicon().concepts()) {
            if (c.isClass() && voc.size() < 20) {
                voc.add(c.name());
            }
        }
        Map<String, List<String>> pool = new LinkedHashMap<>();
        for (String c : voc) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 700; i++) {
                ids.add(c + "-" + i);
            }
            pool.put(c, ids);
        }
        int warm = 20_000;
        int n = 100_000;
        long[] nanos = new long[n];
        int empty = 0;
        for (int i = 0; i < warm + n; i++) {
            String cls = voc.get(i % voc.size());
            String prompt = new String(captions.get(i % captions.size()), StandardCharsets.UTF_8);
            ThesaurusService.Request request = new ThesaurusService.Request(cls + "-x", cls, prompt, pool, i);
            long t0 = System.nanoTime();
            ThesaurusService.Selection s = service.select(request);
            long t1 = System.nanoTime();
            if (i >= warm) {
                nanos[i - warm] = t1 - t0;
                empty += s.isEmpty() ? 1 : 0;
            }
        }
        Arrays.sort(nanos);
        System.out.println();
        System.out.printf(Locale.ROOT, "lookups: %,d (Flickr8k captions as prompts, 20 VOC classes × 700 pool samples, "
                + "default config; %d empty)%n", n, empty);
        System.out.printf(Locale.ROOT, "| lookup latency | p50 %.1f µs | p99 %.1f µs | p99.9 %.1f µs | max %.1f µs |%n",
                nanos[n / 2] / 1e3, nanos[(int) (n * 0.99)] / 1e3, nanos[(int) (n * 0.999)] / 1e3, nanos[n - 1] / 1e3);
    }

    /** The baseline: every spelling of every phrase searched in the lowercased caption. */
    static final class NaiveMatcher {
        private final String[] spellings;
        private final int[] concept;
        private final int conceptCount;

        NaiveMatcher(Lexicon lexicon) {
            Singularizer singularizer = Singularizer.standard();
            List<String> s = new ArrayList<>();
            List<Integer> c = new ArrayList<>();
            for (int i = 0; i < lexicon.size(); i++) {
                for (String phrase : lexicon.concept(i).phrases()) {
                    int space = phrase.lastIndexOf(' ');
                    String head = phrase.substring(0, space + 1);
                    for (String last : singularizer.surfaceForms(phrase.substring(space + 1))) {
                        s.add(head + last);
                        c.add(i);
                    }
                }
            }
            spellings = s.toArray(String[]::new);
            concept = c.stream().mapToInt(Integer::intValue).toArray();
            conceptCount = lexicon.size();
        }

        long count(byte[] blob, int[] offsets, int n) {
            long[] termCounts = new long[conceptCount];
            long[] pairCounts = new long[conceptCount * conceptCount];
            boolean[] seen = new boolean[conceptCount];
            int[] found = new int[conceptCount];
            for (int i = 0; i < n; i++) {
                String caption = new String(blob, offsets[i], offsets[i + 1] - offsets[i], StandardCharsets.UTF_8)
                        .toLowerCase(Locale.ROOT);
                int k = 0;
                for (int p = 0; p < spellings.length; p++) {
                    if (!seen[concept[p]] && caption.contains(spellings[p])) {
                        seen[concept[p]] = true;
                        found[k++] = concept[p];
                    }
                }
                for (int a = 0; a < k; a++) {
                    termCounts[found[a]]++;
                    seen[found[a]] = false;
                    for (int b = a + 1; b < k; b++) {
                        pairCounts[Math.min(found[a], found[b]) * conceptCount + Math.max(found[a], found[b])]++;
                    }
                }
            }
            return termCounts[0] + pairCounts[1];
        }
    }
}
