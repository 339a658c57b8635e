package io.maskmill.thesaurus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled form of a {@link Lexicon} that captions are matched against: a hash table from every
 * surface spelling of a vocabulary word (plurals included) to its singular word id, and a token trie
 * over word ids whose terminal nodes name the concepts a phrase stands for. Immutable and shared;
 * each thread matches through its own {@link TermMatcher}.
 *
 * <p>Normalisation is the same for lexicon phrases and captions: ASCII letters and digits form
 * tokens (lowercased), everything else separates them, and each token is read as its singular.
 */
public final class TermIndex {
    static final int HASH_SEED = 0x811C9DC5;
    static final int HASH_PRIME = 0x01000193;

    /** Lowercase token byte for each ASCII byte value, 0 where the byte separates tokens. */
    static final byte[] TOKEN_BYTE = new byte[128];

    static {
        for (int c = 'a'; c <= 'z'; c++) {
            TOKEN_BYTE[c] = (byte) c;
            TOKEN_BYTE[c - 'a' + 'A'] = (byte) c;
        }
        for (int c = '0'; c <= '9'; c++) {
            TOKEN_BYTE[c] = (byte) c;
        }
    }

    private final Lexicon lexicon;
    private final long normaliserHash;

    // surface spelling -> word id (open addressing; slotWord -1 marks an empty slot)
    final int surfaceMask;
    final int[] slotWord;
    final int[] slotHash;
    final int[] slotStart;
    final byte[] slotLength;
    final byte[] surfaceBytes;
    final int maxSurfaceLength;

    // token trie: root edges by word id, deeper edges in a (node, word) -> node hash table
    final int[] rootChild;
    final int edgeMask;
    final long[] edgeKey;
    final int[] edgeNode;
    final int[] nodeTerm;
    final int[][] termConcepts;

    private TermIndex(Lexicon lexicon, Singularizer singularizer) {
        this.lexicon = lexicon;
        this.normaliserHash = fnv64(singularizer.fingerprintText());
        Map<String, Integer> wordIds = new HashMap<>();
        List<String> words = new ArrayList<>();
        // phrase (as word ids) -> concepts it stands for
        Map<List<Integer>, List<Integer>> phraseConcepts = new HashMap<>();
        List<List<Integer>> phraseOrder = new ArrayList<>();
        for (int c = 0; c < lexicon.size(); c++) {
            for (String phrase : lexicon.concept(c).phrases()) {
                List<Integer> ids = new ArrayList<>();
                for (String token : tokens(phrase)) {
                    String word = singularizer.singular(token);
                    ids.add(wordIds.computeIfAbsent(word, w -> {
                        words.add(w);
                        return words.size() - 1;
                    }));
                }
                if (ids.isEmpty()) {
                    throw new IllegalArgumentException("concept '" + lexicon.concept(c).name() + "': phrase '"
                            + phrase + "' has no letters or digits");
                }
                List<Integer> concepts = phraseConcepts.computeIfAbsent(ids, k -> {
                    phraseOrder.add(k);
                    return new ArrayList<>();
                });
                if (!concepts.contains(c)) {
                    concepts.add(c);
                }
            }
        }

        // surface table
        Map<String, Integer> surfaces = new HashMap<>();
        for (int w = 0; w < words.size(); w++) {
            for (String form : singularizer.surfaceForms(words.get(w))) {
                Integer previous = surfaces.putIfAbsent(form, w);
                if (previous != null && previous != w) {
                    throw new IllegalStateException("spelling '" + form + "' reads as both '" + words.get(previous)
                            + "' and '" + words.get(w) + "'; fix inflections.txt");
                }
            }
        }
        int capacity = Integer.highestOneBit(Math.max(16, surfaces.size() * 4) - 1) << 1;
        surfaceMask = capacity - 1;
        slotWord = new int[capacity];
        Arrays.fill(slotWord, -1);
        slotHash = new int[capacity];
        slotStart = new int[capacity];
        slotLength = new byte[capacity];
        byte[] bytes = new byte[surfaces.keySet().stream().mapToInt(String::length).sum()];
        int at = 0;
        int maxLength = 0;
        for (Map.Entry<String, Integer> e : surfaces.entrySet()) {
            byte[] form = e.getKey().getBytes(StandardCharsets.US_ASCII);
            if (form.length > 127) {
                continue; // longer than any token the matcher keeps; cannot occur in real lexicons
            }
            int h = hash(form, form.length);
            int slot = h & surfaceMask;
            while (slotWord[slot] >= 0) {
                slot = (slot + 1) & surfaceMask;
            }
            slotWord[slot] = e.getValue();
            slotHash[slot] = h;
            slotStart[slot] = at;
            slotLength[slot] = (byte) form.length;
            System.arraycopy(form, 0, bytes, at, form.length);
            at += form.length;
            maxLength = Math.max(maxLength, form.length);
        }
        surfaceBytes = bytes;
        maxSurfaceLength = maxLength;

        // trie
        rootChild = new int[words.size()];
        Arrays.fill(rootChild, -1);
        Map<Long, Integer> edges = new HashMap<>();
        List<Integer> terms = new ArrayList<>();
        terms.add(-1); // node 0 is the root
        termConcepts = new int[phraseOrder.size()][];
        for (int p = 0; p < phraseOrder.size(); p++) {
            List<Integer> ids = phraseOrder.get(p);
            termConcepts[p] = phraseConcepts.get(ids).stream().mapToInt(Integer::intValue).toArray();
            int node = rootChild[ids.get(0)];
            if (node < 0) {
                node = terms.size();
                terms.add(-1);
                rootChild[ids.get(0)] = node;
            }
            for (int i = 1; i < ids.size(); i++) {
                long key = edgeKey(node, ids.get(i));
                Integer child = edges.get(key);
                if (child == null) {
                    child = terms.size();
                    terms.add(-1);
                    edges.put(key, child);
                }
                node = child;
            }
            terms.set(node, p);
        }
        nodeTerm = terms.stream().mapToInt(Integer::intValue).toArray();
        int edgeCapacity = Integer.highestOneBit(Math.max(16, edges.size() * 4) - 1) << 1;
        edgeMask = edgeCapacity - 1;
        edgeKey = new long[edgeCapacity];
        Arrays.fill(edgeKey, -1L);
        edgeNode = new int[edgeCapacity];
        for (Map.Entry<Long, Integer> e : edges.entrySet()) {
            int slot = mix(e.getKey()) & edgeMask;
            while (edgeKey[slot] != -1L) {
                slot = (slot + 1) & edgeMask;
            }
            edgeKey[slot] = e.getKey();
            edgeNode[slot] = e.getValue();
        }
    }

    /** Compiles a lexicon with the shipped plural exceptions. */
    public static TermIndex compile(Lexicon lexicon) {
        return new TermIndex(lexicon, Singularizer.standard());
    }

    public static TermIndex compile(Lexicon lexicon, Singularizer singularizer) {
        return new TermIndex(lexicon, singularizer);
    }

    public Lexicon lexicon() {
        return lexicon;
    }

    /** Hash of the plural exception table in force, recorded in tables built with this index. */
    public long normaliserHash() {
        return normaliserHash;
    }

    static long fnv64(String text) {
        long h = 0xCBF29CE484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001B3L;
        }
        return h;
    }

    /** A matcher with its own scratch space (not thread-safe; make one per thread). */
    public TermMatcher newMatcher() {
        return new TermMatcher(this);
    }

    /** Tokens of a phrase, by the same rule the caption matcher applies to bytes. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            byte b = ch < 128 ? TOKEN_BYTE[ch] : 0;
            if (b != 0) {
                current.append((char) b);
            } else if (current.length() > 0) {
                tokens.add(current.toString());
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    static int hash(byte[] token, int length) {
        int h = HASH_SEED;
        for (int i = 0; i < length; i++) {
            h = (h ^ token[i]) * HASH_PRIME;
        }
        return finish(h);
    }

    static int finish(int h) {
        return h ^ (h >>> 15);
    }

    static long edgeKey(int node, int word) {
        return ((long) node << 32) | word;
    }

    static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }

    /** Word id of a lowercase token, -1 when it is no spelling of a vocabulary word. */
    int lookup(byte[] token, int length, int hash) {
        int slot = hash & surfaceMask;
        int word;
        while ((word = slotWord[slot]) >= 0) {
            if (slotHash[slot] == hash && slotLength[slot] == length
                    && Arrays.equals(surfaceBytes, slotStart[slot], slotStart[slot] + length, token, 0, length)) {
                return word;
            }
            slot = (slot + 1) & surfaceMask;
        }
        return -1;
    }

    /** Trie child of a node for a word, -1 if none. */
    int child(int node, int word) {
        long key = edgeKey(node, word);
        int slot = mix(key) & edgeMask;
        long k;
        while ((k = edgeKey[slot]) != -1L) {
            if (k == key) {
                return edgeNode[slot];
            }
            slot = (slot + 1) & edgeMask;
        }
        return -1;
    }
}
