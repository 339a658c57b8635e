package io.maskmill.thesaurus;

import java.util.ArrayList;
import java.util.List;

/** What a build read: files, captions, bytes, and the bad records it skipped (the first few in words). */
public final class BuildReport {
    static final int PROBLEMS_KEPT = 20;

    private int files;
    private long captions;
    private long badRecords;
    private long bytesRead;
    private final List<String> problems = new ArrayList<>();

    void fileDone(long bytes) {
        files++;
        bytesRead += bytes;
    }

    void caption() {
        captions++;
    }

    void bad(String problem) {
        badRecords++;
        if (problems.size() < PROBLEMS_KEPT) {
            problems.add(problem);
        }
    }

    public int files() {
        return files;
    }

    /** Captions counted into the table. */
    public long captions() {
        return captions;
    }

    /** Records skipped as bad (always 0 with {@link OnError#ABORT}). */
    public long badRecords() {
        return badRecords;
    }

    /** Bytes read from disk (compressed size for gzip files). */
    public long bytesRead() {
        return bytesRead;
    }

    /** The first {@value #PROBLEMS_KEPT} bad records, each with file and position. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public String toString() {
        return files + " files, " + captions + " captions, " + bytesRead + " bytes, " + badRecords + " bad records";
    }
}
