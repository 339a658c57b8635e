package io.maskmill.thesaurus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code thesaurus-build}: builds a thesaurus table from caption corpora, or merges shard tables.
 * See src/site/markdown/thesaurus.md for examples (the shipped default table, the sharded build).
 */
@Command(name = "thesaurus-build", mixinStandardHelpOptions = true,
        versionProvider = io.maskmill.embedded.MaskmillVersion.class,
        description = {"Builds the Adaptive Matching Thesaurus table (counts n(b), n(o,b)) from caption corpora,",
            "or merges tables built on shards (--merge). Inputs may be gzip-compressed."})
public final class ThesaurusBuildCommand implements Callable<Integer> {
    @Parameters(paramLabel = "INPUT", arity = "0..*",
            description = "Caption files (text, Flickr token, COCO JSON, JSONL, CSV, TSV, Parquet), or tables with --merge.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--input-list", paramLabel = "FILE", description = "File naming one input per line (added to INPUT).")
    Path inputList;

    @Option(names = {"-o", "--out"}, paramLabel = "TABLE",
            description = "Table file to write (atomically: temp file + rename). Required.")
    Path output;

    /** The earlier name, still accepted (the thesaurus build Job's manifest uses it). */
    @Option(names = "--output", hidden = true, paramLabel = "TABLE")
    void legacyOutput(Path table) {
        this.output = table;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--merge", description = "Inputs are tables (e.g. shard outputs): write their exact sum.")
    boolean merge;

    @Option(names = "--format", defaultValue = "AUTO",
            description = "One of ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}: by file name and magic bytes).")
    CorpusFormat format;

    @Option(names = "--json-field", defaultValue = "caption", description = "JSONL field with the caption (default ${DEFAULT-VALUE}).")
    String jsonField;

    @Option(names = "--column", description = "CSV/TSV/Parquet caption column (default: caption; Parquet: TEXT, then caption).")
    String column;

    @Option(names = "--on-error", defaultValue = "ABORT",
            description = "ABORT at the first bad record, or SKIP and count bad records (default ${DEFAULT-VALUE}).")
    OnError onError;

    @Option(names = "--max-caption-bytes", defaultValue = "" + BuildOptions.DEFAULT_MAX_CAPTION_BYTES,
            description = "Longest line/caption accepted; longer ones are bad records (default ${DEFAULT-VALUE}).")
    int maxCaptionBytes;

    @Option(names = "--classes", split = ",", defaultValue = "voc20,coco80",
            description = "Class lists: built-in voc20, coco80, or files (default ${DEFAULT-VALUE}).")
    List<String> classes;

    @Option(names = "--scenes", split = ",", defaultValue = "scenes",
            description = "Scene word lists: built-in scenes, or files (default ${DEFAULT-VALUE}).")
    List<String> scenes;

    @Option(names = "--shard-index", defaultValue = "0",
            description = "With --shard-count: build only inputs i with i %% count == index (e.g. $JOB_COMPLETION_INDEX).")
    int shardIndex;

    @Option(names = "--shard-count", defaultValue = "1", description = "Number of shards the input list is split into.")
    int shardCount;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    /** A command line with case-insensitive enums and one-line error messages (exit 2 for bad input). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ThesaurusBuildCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("thesaurus-build: " + e.getMessage());
            return e instanceof CorpusException || e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code); // only on failure, so the command also runs inside exec:java
        }
    }

    @Override
    public Integer call() throws IOException {
        if (output == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--out=TABLE'");
        }
        List<Path> files = shard(allInputs());
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no inputs for shard " + shardIndex + " of " + shardCount);
        }
        if (merge) {
            List<ThesaurusTable> tables = new ArrayList<>();
            for (Path file : files) {
                tables.add(ThesaurusTable.read(file));
            }
            ThesaurusTable merged = ThesaurusTable.merge(tables);
            merged.write(output);
            System.out.printf("thesaurus-build: merged %d tables into %s: %,d captions, %d concepts, %,d bytes%n",
                    tables.size(), output, merged.captions(), merged.lexicon().size(), Files.size(output));
            return 0;
        }
        BuildOptions options = new BuildOptions(format, jsonField, column, onError, maxCaptionBytes,
                quiet ? null : System.err);
        ThesaurusBuilder.Result result = new ThesaurusBuilder(Lexicon.load(classes, scenes))
                .buildTo(files, options, output);
        BuildReport report = result.report();
        System.out.printf("thesaurus-build: wrote %s: %,d captions from %d files (%,d bytes read), %d concepts,"
                + " %,d bytes; %d bad records skipped%n", output, report.captions(), report.files(),
                report.bytesRead(), result.table().lexicon().size(), Files.size(output), report.badRecords());
        report.problems().forEach(p -> System.out.println("  skipped: " + p));
        return 0;
    }

    private List<Path> allInputs() throws IOException {
        List<Path> all = new ArrayList<>(inputs);
        if (inputList != null) {
            for (String line : Files.readAllLines(inputList)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    all.add(Path.of(line.strip()));
                }
            }
        }
        return all;
    }

    private List<Path> shard(List<Path> all) {
        if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) {
            throw new IllegalArgumentException("--shard-index must be in [0, --shard-count), got "
                    + shardIndex + " of " + shardCount);
        }
        List<Path> mine = new ArrayList<>();
        for (int i = shardIndex; i < all.size(); i += shardCount) {
            mine.add(all.get(i));
        }
        return mine;
    }
}
