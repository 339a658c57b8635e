package io.maskmill.thesaurus;

import java.nio.file.Path;
import java.util.Locale;

/** Caption corpus layouts the builder reads; any of them may be gzip-compressed (detected by magic bytes). */
public enum CorpusFormat {
    /** Detect from the file name (after a .gz/.gzip suffix): see {@link #detect}. */
    AUTO,
    /** One caption per line. */
    TEXT,
    /** Flickr8k/30k token files: {@code image#n<TAB>caption} per line. */
    FLICKR,
    /** COCO captions JSON: the {@code caption} of each object of the {@code annotations} array. */
    COCO,
    /** JSON Lines: one object per line, caption in a configurable field. */
    JSONL,
    /** CSV with a header row, caption in a named column. */
    CSV,
    /** Tab-separated values with a header row, caption in a named column. */
    TSV,
    /** Parquet (LAION metadata): caption column {@code TEXT} or {@code caption}, or a named one. */
    PARQUET;

    /**
     * .parquet → PARQUET, .json → COCO, .jsonl/.ndjson → JSONL, .csv → CSV, .tsv → TSV,
     * .token → FLICKR, anything else → TEXT (FLICKR if {@code firstLineHasTab}).
     */
    static CorpusFormat detect(Path file, boolean firstLineHasTab) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        } else if (name.endsWith(".gzip")) {
            name = name.substring(0, name.length() - 5);
        }
        if (name.endsWith(".parquet")) {
            return PARQUET;
        } else if (name.endsWith(".json")) {
            return COCO;
        } else if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSONL;
        } else if (name.endsWith(".csv")) {
            return CSV;
        } else if (name.endsWith(".tsv")) {
            return TSV;
        } else if (name.endsWith(".token")) {
            return FLICKR;
        }
        return firstLineHasTab ? FLICKR : TEXT;
    }
}
