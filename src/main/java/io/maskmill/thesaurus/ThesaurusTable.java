package io.maskmill.thesaurus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The Adaptive Matching Thesaurus (DiffuMask-Editor §3.2.1): counts over a caption corpus and the
 * similarity they define,
 *
 * <pre>  Similarity(o, b) = n(o, b) / n(b)          (Eq. 3)</pre>
 *
 * where n(b) is the number of captions mentioning b and n(o, b) the number mentioning both. Counts,
 * not ratios, are kept so that tables built on shards of a corpus {@link #merge} into exactly the
 * table of the whole corpus. The lexicon travels with the counts, so a table is self-describing.
 * Stored by {@link ThesaurusTableCodec}. Immutable.
 */
public final class ThesaurusTable {
    /** Classpath resource of the table shipped with Maskmill (see thesaurus.md for how it is built). */
    public static final String DEFAULT_RESOURCE = "default-table.mmth";

    private final Lexicon lexicon;
    private final long normaliserHash;
    private final long captions;
    private final long[] termCounts;
    private final long[] pairCounts;

    ThesaurusTable(Lexicon lexicon, long normaliserHash, long captions, long[] termCounts, long[] pairCounts) {
        int c = lexicon.size();
        if (termCounts.length != c || pairCounts.length != c * c) {
            throw new IllegalArgumentException("count arrays do not fit a lexicon of " + c + " concepts");
        }
        this.lexicon = lexicon;
        this.normaliserHash = normaliserHash;
        this.captions = captions;
        this.termCounts = termCounts;
        this.pairCounts = pairCounts;
    }

    /** The table shipped with Maskmill (Flickr8k captions, VOC 20 + COCO 80 classes, shipped scenes). */
    public static ThesaurusTable loadDefault() {
        try (InputStream in = ThesaurusTable.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return ThesaurusTableCodec.read(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ThesaurusTable read(Path file) throws IOException {
        return ThesaurusTableCodec.read(file);
    }

    /** Writes atomically: the file appears complete under its name, or not at all. */
    public void write(Path file) throws IOException {
        ThesaurusTableCodec.writeAtomically(this, file);
    }

    /** Sum of counts of several tables built with the same lexicon (e.g. on shards of a corpus). */
    public static ThesaurusTable merge(List<ThesaurusTable> tables) {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        ThesaurusTable first = tables.get(0);
        long captions = 0;
        long[] terms = new long[first.termCounts.length];
        long[] pairs = new long[first.pairCounts.length];
        for (int t = 0; t < tables.size(); t++) {
            ThesaurusTable table = tables.get(t);
            if (!table.lexicon.equals(first.lexicon) || table.normaliserHash != first.normaliserHash) {
                throw new IllegalArgumentException("table " + t + " was built with a different lexicon or plural"
                        + " table than table 0; rebuild the shards with the same --classes/--scenes");
            }
            captions = Math.addExact(captions, table.captions);
            for (int i = 0; i < terms.length; i++) {
                terms[i] = Math.addExact(terms[i], table.termCounts[i]);
            }
            for (int i = 0; i < pairs.length; i++) {
                pairs[i] = Math.addExact(pairs[i], table.pairCounts[i]);
            }
        }
        return new ThesaurusTable(first.lexicon, first.normaliserHash, captions, terms, pairs);
    }

    public Lexicon lexicon() {
        return lexicon;
    }

    long normaliserHash() {
        return normaliserHash;
    }

    /** Number of captions read (including those that mention no concept). */
    public long captions() {
        return captions;
    }

    /** n(c): captions mentioning concept c. */
    public long count(int concept) {
        return termCounts[concept];
    }

    /** n(a, b): captions mentioning both (0 for a == b, and for two scene words, which are not counted). */
    public long count(int a, int b) {
        if (a == b) {
            return 0;
        }
        int c = lexicon.size();
        return pairCounts[a < b ? a * c + b : b * c + a];
    }

    /** Eq. 3: n(o, b) / n(b), 0 when b was never seen. */
    public double similarity(int object, int background) {
        long nb = termCounts[background];
        return nb == 0 ? 0.0 : (double) count(object, background) / nb;
    }

    long[] termCounts() {
        return termCounts;
    }

    long[] pairCounts() {
        return pairCounts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThesaurusTable t && captions == t.captions && normaliserHash == t.normaliserHash
                && lexicon.equals(t.lexicon) && Arrays.equals(termCounts, t.termCounts)
                && Arrays.equals(pairCounts, t.pairCounts);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(captions) * 31 + Arrays.hashCode(termCounts);
    }

    @Override
    public String toString() {
        return "ThesaurusTable[" + lexicon.size() + " concepts, " + captions + " captions]";
    }
}
