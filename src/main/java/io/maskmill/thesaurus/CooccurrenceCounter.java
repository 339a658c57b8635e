package io.maskmill.thesaurus;

/**
 * Accumulates the counts of Eq. 3 over captions: n(c) for every concept and n(a, b) for every pair
 * of concepts that includes an object class, each caption counted once per concept it mentions.
 * Not thread-safe: one per thread, then {@link ThesaurusTable#merge} the results.
 */
public final class CooccurrenceCounter {
    private final TermIndex index;
    private final TermMatcher matcher;
    private final boolean[] isClass;
    private final int conceptCount;
    private final int[] found;
    private final long[] termCounts;
    private final long[] pairCounts;
    private long captions;

    public CooccurrenceCounter(TermIndex index) {
        this.index = index;
        this.matcher = index.newMatcher();
        this.conceptCount = index.lexicon().size();
        this.isClass = new boolean[conceptCount];
        for (int c = 0; c < conceptCount; c++) {
            isClass[c] = index.lexicon().concept(c).isClass();
        }
        this.found = new int[conceptCount];
        this.termCounts = new long[conceptCount];
        this.pairCounts = new long[conceptCount * conceptCount];
    }

    /**
     * Counts one caption given as UTF-8 bytes.
     *
     * @return false (and counts nothing) when the bytes are not valid UTF-8; see {@link #invalidOffset()}
     */
    public boolean accept(byte[] buf, int off, int len) {
        int n = matcher.match(buf, off, len, found);
        if (n < 0) {
            return false;
        }
        captions++;
        final int[] f = found;
        for (int i = 0; i < n; i++) {
            int a = f[i];
            termCounts[a]++;
            for (int j = i + 1; j < n; j++) {
                int b = f[j];
                if (isClass[a] || isClass[b]) {
                    pairCounts[a < b ? a * conceptCount + b : b * conceptCount + a]++;
                }
            }
        }
        return true;
    }

    /** Byte offset of the invalid UTF-8 in the last rejected caption. */
    public int invalidOffset() {
        return matcher.invalidOffset();
    }

    public long captions() {
        return captions;
    }

    /** A snapshot of the counts so far. */
    public ThesaurusTable toTable() {
        return new ThesaurusTable(index.lexicon(), index.normaliserHash(), captions, termCounts.clone(),
                pairCounts.clone());
    }
}
