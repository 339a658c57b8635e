package io.maskmill.thesaurus;

import java.io.PrintStream;

/**
 * How the builder reads corpora.
 *
 * @param format          layout of every input, or AUTO to detect each from its name
 * @param jsonField       JSONL field holding the caption
 * @param column          CSV/TSV/Parquet column holding the caption (null: "caption" for CSV/TSV;
 *                        "TEXT", then "caption" for Parquet)
 * @param onError         skip-and-count or abort on a bad record
 * @param maxCaptionBytes longest line/caption accepted; longer ones are bad records
 * @param progress        where to print progress every couple of seconds, or null
 */
public record BuildOptions(CorpusFormat format, String jsonField, String column, OnError onError,
        int maxCaptionBytes, PrintStream progress) {
    public static final int DEFAULT_MAX_CAPTION_BYTES = 64 * 1024;

    public BuildOptions {
        if (format == null) {
            format = CorpusFormat.AUTO;
        }
        if (jsonField == null || jsonField.isBlank()) {
            jsonField = "caption";
        }
        if (onError == null) {
            onError = OnError.ABORT;
        }
        if (maxCaptionBytes < 16) {
            throw new IllegalArgumentException("maxCaptionBytes must be >= 16, was " + maxCaptionBytes);
        }
    }

    /** Auto-detected formats, abort on the first bad record, no progress output. */
    public static BuildOptions defaults() {
        return new BuildOptions(CorpusFormat.AUTO, "caption", null, OnError.ABORT, DEFAULT_MAX_CAPTION_BYTES, null);
    }

    public BuildOptions withFormat(CorpusFormat f) {
        return new BuildOptions(f, jsonField, column, onError, maxCaptionBytes, progress);
    }

    public BuildOptions withOnError(OnError o) {
        return new BuildOptions(format, jsonField, column, o, maxCaptionBytes, progress);
    }

    public BuildOptions withColumn(String c) {
        return new BuildOptions(format, jsonField, c, onError, maxCaptionBytes, progress);
    }

    public BuildOptions withJsonField(String f) {
        return new BuildOptions(format, f, column, onError, maxCaptionBytes, progress);
    }

    public BuildOptions withMaxCaptionBytes(int m) {
        return new BuildOptions(format, jsonField, column, onError, m, progress);
    }

    public BuildOptions withProgress(PrintStream p) {
        return new BuildOptions(format, jsonField, column, onError, maxCaptionBytes, p);
    }
}
