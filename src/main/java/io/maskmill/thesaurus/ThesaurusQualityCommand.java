package io.maskmill.thesaurus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import io.maskmill.imaging.EvaluationSplit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thesaurus-quality}: prints {@link ThesaurusQuality} figures for a table as Markdown tables, for the
 * tune (even image ids), report (odd) and all splits of any COCO-format instances file, and, with
 * {@code --job}, the variety of a job's added classes at several temperatures.
 */
@Command(name = "thesaurus-quality", mixinStandardHelpOptions = true,
        description = "Compares a thesaurus table's P(o|b) with object co-occurrence in COCO instance annotations.")
public final class ThesaurusQualityCommand implements Callable<Integer> {
    @Option(names = "--table", description = "Table file (default: the table shipped with Maskmill).")
    Path table;

    @Option(names = {"--annotations", "--instances"}, required = true,
            description = "COCO instances JSON of any COCO-format set (e.g. annotations/instances_val2017.json).")
    Path instances;

    @Option(names = "--per-class", description = "Also print one row per class (of --per-class-split).")
    boolean perClass;

    @Option(names = "--per-class-split", defaultValue = "report", description = "tune, report or all (default report).")
    String perClassSplit;

    @Option(names = "--job", description = "A prompt list (class: prompt per line): also report the variety of "
            + "the classes a job of it adds, per background class, at temperatures 0, 1, 2, 3.")
    Path job;

    @Option(names = "--images-per-class", defaultValue = "50", description = "Samples per prompt in the --job run.")
    int imagesPerClass;

    @Option(names = "--seed", defaultValue = "1", description = "Job seed of the --job run.")
    long seed;

    public static void main(String[] args) {
        int code = new CommandLine(new ThesaurusQualityCommand()).execute(args);
        if (code != 0) {
            System.exit(code); // only on failure, so the command also runs inside exec:java
        }
    }

    @Override
    public Integer call() throws Exception {
        ThesaurusTable t = table == null ? ThesaurusTable.loadDefault() : ThesaurusTable.read(table);
        System.out.printf(Locale.ROOT, "table: %s (%,d captions); annotations: %s%n%n",
                table == null ? "default" : table, t.captions(), instances);
        Map<EvaluationSplit, ThesaurusQuality.Summary> all = new LinkedHashMap<>();
        for (EvaluationSplit split : EvaluationSplit.values()) {
            all.put(split, ThesaurusQuality.evaluate(t, instances, split));
        }
        String dominant = all.get(EvaluationSplit.ALL).dominant();
        System.out.println("| split | images | classes b (skipped) | ranking of o | precision@3 | precision@3 without "
                + dominant + " | Spearman ρ |");
        System.out.println("|---|---:|---:|---|---:|---:|---:|");
        for (ThesaurusQuality.Summary s : all.values()) {
            String head = String.format(Locale.ROOT, "| %s | %d | %d (%d) |", label(s.split()), s.images(),
                    s.evaluated(), s.skipped());
            System.out.printf(Locale.ROOT, "%s thesaurus P(o\\|b) (Eq. 3) | %.3f | %.3f | %.3f |%n", head,
                    s.precisionAt3(), s.precisionAt3NoDominant(), s.spearman());
            System.out.printf(Locale.ROOT, "| | | | caption frequency n(o), no context | %.3f | %.3f | %.3f |%n",
                    s.popularityPrecisionAt3(), s.popularityPrecisionAt3NoDominant(), s.popularitySpearman());
            System.out.printf(Locale.ROOT, "| | | | chance | %.3f | %.3f | 0 |%n", s.chancePrecisionAt3(),
                    s.chancePrecisionAt3NoDominant());
        }
        System.out.println();
        System.out.println("The lookup's draw among the top " + ThesaurusQuality.DRAW_FROM
                + " (p ∝ P(o|b)^(1/T)), with the class b as context: share of drawn classes that co-occur with b"
                + " (expected), and the draw's entropy in bits (mean over b).");
        System.out.println();
        System.out.println("| split | T | co-occurring share | entropy (bits) |");
        System.out.println("|---|---:|---:|---:|");
        for (ThesaurusQuality.Summary s : all.values()) {
            for (int i = 0; i < ThesaurusQuality.TEMPERATURES.length; i++) {
                System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.2f |%n", label(s.split()),
                        fmt(ThesaurusQuality.TEMPERATURES[i]), s.drawPrecision()[i], s.drawEntropy()[i]);
            }
        }
        if (perClass) {
            ThesaurusQuality.Summary s = all.get(EvaluationSplit.parse(perClassSplit));
            System.out.println();
            System.out.println("Split " + label(s.split()) + ":");
            System.out.println();
            System.out.println("| b | images | co-occurring classes | top 3 by P(o\\|b) | precision@3 | top 3 without "
                    + dominant + " | precision@3 | ρ |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (ThesaurusQuality.ClassResult r : s.classes()) {
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %s | %.2f | %s | %.2f | %.2f |%n", r.name(), r.images(),
                        r.cooccurring(), String.join(", ", r.top3()), r.precisionAt3(),
                        String.join(", ", r.top3NoDominant()), r.precisionAt3NoDominant(), r.spearman());
            }
        }
        if (job != null) {
            printJobVariety(t);
        }
        return 0;
    }

    /** Runs the lookup over a simulated job of the prompt list and reports the added classes' entropy. */
    private void printJobVariety(ThesaurusTable t) throws java.io.IOException {
        List<String[]> prompts = new ArrayList<>();
        for (String line : Files.readAllLines(job)) {
            String l = line.strip();
            int colon = l.indexOf(':');
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (colon < 1) {
                throw new IllegalArgumentException(job + ": line '" + l + "' is not 'class: prompt'");
            }
            prompts.add(new String[] {l.substring(0, colon).strip(), l.substring(colon + 1).strip()});
        }
        // the plan: every prompt imagesPerClass times, sample ids in order, all of them kept (the pool)
        List<String[]> plan = new ArrayList<>();
        Map<String, List<String>> pool = new TreeMap<>();
        for (String[] p : prompts) {
            for (int i = 0; i < imagesPerClass; i++) {
                String id = String.format(Locale.ROOT, "s%06d", plan.size());
                plan.add(new String[] {id, p[0], p[1]});
                pool.computeIfAbsent(p[0], c -> new ArrayList<>()).add(id);
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Job: %s, %d samples (%d per prompt), seed %d; classes added per background class"
                + " (entropy in bits; counts)%n%n", job, plan.size(), imagesPerClass, seed);
        double[] temperatures = {0, 1, ThesaurusService.Config.DEFAULT_TEMPERATURE, 3};
        System.out.println("| background class | T | entropy (bits) | added classes |");
        System.out.println("|---|---:|---:|---|");
        for (String background : pool.keySet()) {
            for (double temperature : temperatures) {
                ThesaurusService service = new ThesaurusService(t,
                        ThesaurusService.Config.defaults().withTemperature(temperature));
                Map<String, Integer> added = new TreeMap<>();
                for (String[] s : plan) {
                    if (s[1].equals(background)) {
                        var selection = service.select(new ThesaurusService.Request(s[0], s[1], s[2], pool, seed));
                        selection.objects().forEach(o -> added.merge(o.className(), 1, Integer::sum));
                        if (selection.isEmpty()) {
                            added.merge("(none)", 1, Integer::sum);
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %s |%n", background, fmt(temperature),
                        ObjectSampler.entropyBits(added.values()), added);
            }
        }
    }

    private static String fmt(double t) {
        return t == Math.rint(t) ? Long.toString((long) t) : Double.toString(t);
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
