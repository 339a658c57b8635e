package io.maskmill.thesaurus;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code thesaurus-quality}: prints {@link ThesaurusQuality} figures for a table as a Markdown table. */
@Command(name = "thesaurus-quality", mixinStandardHelpOptions = true,
        versionProvider = io.maskmill.embedded.MaskmillVersion.class,
        description = "Compares a thesaurus table's P(o|b) with object co-occurrence in COCO instance annotations.")
public final class ThesaurusQualityCommand implements Callable<Integer> {
    @Option(names = "--table", description = "Table file (default: the table shipped with Maskmill).")
    Path table;

    @Option(names = "--instances", required = true, description = "COCO instances JSON (e.g. instances_train2017.json).")
    Path instances;

    @Option(names = "--per-class", description = "Also print one row per class.")
    boolean perClass;

    public static void main(String[] args) {
        int code = new CommandLine(new ThesaurusQualityCommand()).execute(args);
        if (code != 0) {
            System.exit(code); // only on failure, so the command also runs inside exec:java
        }
    }

    @Override
    public Integer call() throws Exception {
        ThesaurusTable t = table == null ? ThesaurusTable.loadDefault() : ThesaurusTable.read(table);
        ThesaurusQuality.Summary s = ThesaurusQuality.evaluate(t, instances);
        System.out.printf(Locale.ROOT, "table: %s (%,d captions); classes evaluated: %d, skipped (never in captions): %d%n%n",
                table == null ? "default" : table, t.captions(), s.evaluated(), s.skipped());
        System.out.println("| ranking of o for each class b | precision@3 | Spearman ρ |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| thesaurus P(o\\|b) (Eq. 3) | %.3f | %.3f |%n", s.precisionAt3(), s.spearman());
        System.out.printf(Locale.ROOT, "| caption frequency n(o), no context | %.3f | %.3f |%n",
                s.popularityPrecisionAt3(), s.popularitySpearman());
        System.out.printf(Locale.ROOT, "| chance | %.3f | 0 |%n", s.chancePrecisionAt3());
        if (perClass) {
            System.out.println();
            System.out.println("| b | images | co-occurring classes | top 3 by P(o\\|b) | precision@3 | ρ |");
            System.out.println("|---|---|---|---|---|---|");
            for (ThesaurusQuality.ClassResult r : s.classes()) {
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %s | %.2f | %.2f |%n", r.name(), r.images(),
                        r.cooccurring(), String.join(", ", r.top3()), r.precisionAt3(), r.spearman());
            }
        }
        return 0;
    }
}
