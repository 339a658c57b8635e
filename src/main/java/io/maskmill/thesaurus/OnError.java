package io.maskmill.thesaurus;

/** What the builder does with a bad record (invalid UTF-8, missing field, over-long line, ...). */
public enum OnError {
    /** Stop at the first bad record; no table is written. */
    ABORT,
    /** Skip it, count it in the {@link BuildReport}, and go on (an unreadable rest of a file is skipped too). */
    SKIP
}
