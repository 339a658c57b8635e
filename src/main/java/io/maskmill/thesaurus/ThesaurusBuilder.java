package io.maskmill.thesaurus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds a {@link ThesaurusTable} by streaming caption corpora (see {@link CorpusFormat}) through a
 * {@link CooccurrenceCounter}. One builder call reads its files in order on the calling thread;
 * parallel and distributed builds run one builder per shard and {@link ThesaurusTable#merge} the
 * tables (exact, since tables hold counts).
 */
public final class ThesaurusBuilder {
    private final TermIndex index;

    public ThesaurusBuilder(Lexicon lexicon) {
        this.index = TermIndex.compile(lexicon);
    }

    /** The table and what was read. */
    public record Result(ThesaurusTable table, BuildReport report) {
    }

    /**
     * Reads every file and returns the table.
     *
     * @throws CorpusException on a bad record or file (with {@link OnError#ABORT}), a missing file,
     *                         or when the inputs hold no caption at all
     */
    public Result build(List<Path> inputs, BuildOptions options) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no input files");
        }
        CooccurrenceCounter counter = new CooccurrenceCounter(index);
        BuildReport report = new BuildReport();
        BuildProgress progress = new BuildProgress(options.progress());
        for (Path input : inputs) {
            CaptionFeed feed = new CaptionFeed(input.toString(), options, counter, report, progress);
            CorpusReader.read(input, feed, progress, report);
        }
        progress.finish();
        if (report.captions() == 0) {
            throw new CorpusException(inputs.size() == 1 ? inputs.get(0).toString() : inputs.size() + " files", null,
                    "empty corpus: no caption was read" + (report.badRecords() > 0
                            ? " (" + report.badRecords() + " bad records skipped)" : ""));
        }
        return new Result(counter.toTable(), report);
    }

    /** {@link #build} then an atomic write: on any failure nothing appears under {@code output}. */
    public Result buildTo(List<Path> inputs, BuildOptions options, Path output) throws IOException {
        Result result = build(inputs, options);
        result.table().write(output);
        return result;
    }
}
