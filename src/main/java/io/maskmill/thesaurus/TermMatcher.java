package io.maskmill.thesaurus;

/**
 * Finds the concepts a caption mentions, straight from its UTF-8 bytes: one pass that lowercases
 * ASCII tokens while hashing them, one surface-table probe per token, then a leftmost-longest walk
 * of the token trie (so "dining table" is the class, not the scene "table"). No strings, no regex,
 * no allocation per caption. Not thread-safe: one per thread ({@link TermIndex#newMatcher()}).
 */
public final class TermMatcher {
    /** Returned by {@link #match} when the bytes are not valid UTF-8. */
    public static final int INVALID_UTF8 = -1;

    private final TermIndex index;
    private final byte[] token;
    private final int[] stamp;
    private int[] tokens = new int[256];
    private int currentStamp;
    private int invalidOffset = -1;

    TermMatcher(TermIndex index) {
        this.index = index;
        this.token = new byte[index.maxSurfaceLength + 1];
        this.stamp = new int[index.lexicon().size()];
    }

    public TermIndex index() {
        return index;
    }

    /**
     * Writes the distinct concept indices mentioned in {@code buf[off, off+len)} to {@code out}
     * (at least {@code lexicon().size()} long) and returns how many, or {@link #INVALID_UTF8}.
     */
    public int match(byte[] buf, int off, int len, int[] out) {
        int tokenCount = tokenize(buf, off, len);
        return tokenCount < 0 ? INVALID_UTF8 : findTerms(tokenCount, out);
    }

    /** Offset (relative to {@code off}) of the first invalid UTF-8 byte of the last failed match. */
    public int invalidOffset() {
        return invalidOffset;
    }

    /** Fills {@link #tokens} with word ids (-1: not a vocabulary word); returns the count or -1. */
    private int tokenize(byte[] buf, int off, int len) {
        if (tokens.length < (len + 1) / 2 + 1) {
            tokens = new int[(len + 1) / 2 + 1];
        }
        final byte[] tokenByte = TermIndex.TOKEN_BYTE;
        final byte[] tok = token;
        final int maxLength = index.maxSurfaceLength;
        final int end = off + len;
        int count = 0;
        int i = off;
        while (i < end) {
            int c = buf[i];
            if (c < 0) {
                int n = utf8Length(buf, i, end);
                if (n < 0) {
                    invalidOffset = i - off;
                    return -1;
                }
                i += n; // non-ASCII characters separate tokens
                continue;
            }
            byte b = tokenByte[c];
            if (b == 0) {
                i++;
                continue;
            }
            int h = TermIndex.HASH_SEED;
            int length = 0;
            while (true) {
                if (length < maxLength + 1) {
                    tok[length] = b;
                }
                length++;
                h = (h ^ b) * TermIndex.HASH_PRIME;
                if (++i >= end || (c = buf[i]) < 0 || (b = tokenByte[c]) == 0) {
                    break;
                }
            }
            tokens[count++] = length <= maxLength ? index.lookup(tok, length, TermIndex.finish(h)) : -1;
        }
        return count;
    }

    private int findTerms(int tokenCount, int[] out) {
        if (++currentStamp == 0) {
            java.util.Arrays.fill(stamp, 0);
            currentStamp = 1;
        }
        final int[] toks = tokens;
        final int[] rootChild = index.rootChild;
        final int[] nodeTerm = index.nodeTerm;
        int found = 0;
        int t = 0;
        while (t < tokenCount) {
            int word = toks[t];
            int node = word < 0 ? -1 : rootChild[word];
            if (node < 0) {
                t++;
                continue;
            }
            int bestTerm = nodeTerm[node];
            int bestEnd = t;
            for (int j = t + 1; j < tokenCount && toks[j] >= 0; j++) {
                node = index.child(node, toks[j]);
                if (node < 0) {
                    break;
                }
                if (nodeTerm[node] >= 0) {
                    bestTerm = nodeTerm[node];
                    bestEnd = j;
                }
            }
            if (bestTerm < 0) {
                t++;
                continue;
            }
            for (int concept : index.termConcepts[bestTerm]) {
                if (stamp[concept] != currentStamp) {
                    stamp[concept] = currentStamp;
                    out[found++] = concept;
                }
            }
            t = bestEnd + 1;
        }
        return found;
    }

    /** Length of the well-formed UTF-8 sequence starting at a non-ASCII byte, or -1 (RFC 3629). */
    static int utf8Length(byte[] buf, int i, int end) {
        int lead = buf[i] & 0xFF;
        int n;
        int min2;
        int max2;
        if (lead >= 0xC2 && lead <= 0xDF) {
            n = 2; min2 = 0x80; max2 = 0xBF;
        } else if (lead == 0xE0) {
            n = 3; min2 = 0xA0; max2 = 0xBF;
        } else if (lead >= 0xE1 && lead <= 0xEC || lead == 0xEE || lead == 0xEF) {
            n = 3; min2 = 0x80; max2 = 0xBF;
        } else if (lead == 0xED) {
            n = 3; min2 = 0x80; max2 = 0x9F; // no surrogates
        } else if (lead == 0xF0) {
            n = 4; min2 = 0x90; max2 = 0xBF;
        } else if (lead >= 0xF1 && lead <= 0xF3) {
            n = 4; min2 = 0x80; max2 = 0xBF;
        } else if (lead == 0xF4) {
            n = 4; min2 = 0x80; max2 = 0x8F;
        } else {
            return -1;
        }
        if (i + n > end) {
            return -1;
        }
        int second = buf[i + 1] & 0xFF;
        if (second < min2 || second > max2) {
            return -1;
        }
        for (int k = 2; k < n; k++) {
            if ((buf[i + k] & 0xC0) != 0x80) {
                return -1;
            }
        }
        return n;
    }
}
