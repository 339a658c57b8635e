package io.maskmill.sample.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * The CLIP byte-level BPE tokenizer used by Stable Diffusion's text encoder. Thread-safe.
 *
 * <p>Pipeline: {@link ClipText#clean} (html-unescape, whitespace collapse, lowercase), CLIP's
 * pre-tokenizer regex, UTF-8 bytes mapped to {@link ByteSymbols}, then BPE (lowest-rank pair
 * merged first) with a per-word cache.
 */
public final class ClipTokenizer {
    public static final int DEFAULT_CONTEXT_LENGTH = 77;
    private static final int CACHE_LIMIT = 100_000;

    private final BpeVocabulary vocab;
    private final int padId;
    private final int contextLength;
    private final Map<String, int[]> cache;

    private ClipTokenizer(BpeVocabulary vocab, int padId, int contextLength, Map<String, int[]> cache) {
        if (padId < 0 || padId >= vocab.tokens.length) {
            throw new IllegalArgumentException("pad id " + padId + " outside vocabulary 0.." + (vocab.tokens.length - 1));
        }
        if (contextLength < 2) {
            throw new IllegalArgumentException("context length must hold start and end tokens, got " + contextLength);
        }
        this.vocab = vocab;
        this.padId = padId;
        this.contextLength = contextLength;
        this.cache = cache;
    }

    /** From CLIP's {@code bpe_simple_vocab_16e6.txt.gz}; pads with end-of-text (49407) as SD 1.x does. */
    public static ClipTokenizer fromMergesGz(Path mergesGz) {
        BpeVocabulary vocab = BpeVocabulary.fromClipMergesGz(mergesGz);
        return new ClipTokenizer(vocab, vocab.endId, DEFAULT_CONTEXT_LENGTH, new ConcurrentHashMap<>());
    }

    /** From a HuggingFace {@code vocab.json} + {@code merges.txt} pair; pads with end-of-text. */
    public static ClipTokenizer fromVocabAndMerges(Path vocabJson, Path mergesTxt) {
        BpeVocabulary vocab = BpeVocabulary.fromVocabJsonAndMerges(vocabJson, mergesTxt);
        return new ClipTokenizer(vocab, vocab.endId, DEFAULT_CONTEXT_LENGTH, new ConcurrentHashMap<>());
    }

    /**
     * From a diffusers {@code tokenizer/} folder: {@code vocab.json}, {@code merges.txt} and, when
     * present, {@code tokenizer_config.json} for {@code pad_token} (SD 2.x uses "!" = id 0) and
     * {@code model_max_length}.
     */
    public static ClipTokenizer fromDirectory(Path tokenizerDir) {
        ClipTokenizer base = fromVocabAndMerges(tokenizerDir.resolve("vocab.json"), tokenizerDir.resolve("merges.txt"));
        Path config = tokenizerDir.resolve("tokenizer_config.json");
        if (!Files.exists(config)) {
            return base;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(config, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TokenizerFileException("cannot read tokenizer config " + config + ": " + e.getMessage(), e);
        }
        int pad = base.padId;
        JsonNode padToken = root.path("pad_token");
        String padText = padToken.isObject() ? padToken.path("content").asText(null) : padToken.asText(null);
        if (padText != null && !padToken.isNull()) {
            Integer id = base.vocab.idOfToken.get(padText);
            if (id == null) {
                throw new TokenizerFileException(config + ": pad_token '" + padText + "' is not in the vocabulary");
            }
            pad = id;
        }
        JsonNode maxLength = root.path("model_max_length");
        // Some exports write a huge sentinel when no limit is set; CLIP's positional table has 77 rows.
        int length = maxLength.canConvertToInt() && maxLength.asInt() <= 4096 ? maxLength.asInt() : base.contextLength;
        return new ClipTokenizer(base.vocab, pad, length, base.cache);
    }

    /** Same vocabulary, another pad id (49407 for SD 1.x, 0 for SD 2.x). */
    public ClipTokenizer withPadId(int newPadId) {
        return new ClipTokenizer(vocab, newPadId, contextLength, cache);
    }

    public int padId() {
        return padId;
    }

    public int startId() {
        return vocab.startId;
    }

    public int endId() {
        return vocab.endId;
    }

    public int contextLength() {
        return contextLength;
    }

    public int vocabularySize() {
        return vocab.tokens.length;
    }

    /** The vocabulary string of an id (byte-level symbols, {@code </w>} marks a word end). */
    public String token(int id) {
        return vocab.tokens[id];
    }

    /** Start token, the text's tokens, end token; no truncation or padding. */
    public int[] encode(String text) {
        String clean = ClipText.clean(requireText(text));
        IdBuffer out = new IdBuffer(clean.length() + 2);
        out.add(vocab.startId);
        Matcher m = ClipText.WORDS.matcher(clean);
        while (m.find()) {
            out.addAll(encodeWord(m.group()));
        }
        out.add(vocab.endId);
        return out.toArray();
    }

    /** Exactly {@code length} ids: truncated to keep the end token last, then padded with {@link #padId()}. */
    public int[] encodePadded(String text, int length) {
        if (length < 2) {
            throw new IllegalArgumentException("padded length must hold start and end tokens, got " + length);
        }
        int[] ids = encode(text);
        int[] padded = new int[length];
        Arrays.fill(padded, padId);
        int kept = Math.min(ids.length, length);
        System.arraycopy(ids, 0, padded, 0, kept);
        padded[kept - 1] = vocab.endId;
        return padded;
    }

    /** {@link #encodePadded(String, int)} at {@link #contextLength()}. */
    public int[] encodePadded(String text) {
        return encodePadded(text, contextLength);
    }

    /**
     * Token positions of {@code phrase} inside the padded encoding of {@code prompt} (index 0 = start
     * token). The phrase must occur in the prompt on word boundaries, case and spacing aside; a
     * plural ending "s"/"es" right after it is included ("cat" in "three cats" spans "cats").
     *
     * @throws IllegalArgumentException if the phrase does not occur or lies past the context length
     */
    public TokenSpan spanOf(String prompt, String phrase) {
        String cleanPrompt = ClipText.clean(requireText(prompt));
        String cleanPhrase = ClipText.clean(requireText(phrase));
        if (cleanPhrase.isEmpty()) {
            throw new IllegalArgumentException("phrase is empty after cleaning: '" + phrase + "'");
        }
        WordTokens words = WordTokens.of(cleanPrompt, this);
        for (int at = cleanPrompt.indexOf(cleanPhrase); at >= 0; at = cleanPrompt.indexOf(cleanPhrase, at + 1)) {
            int first = words.wordStartingAt(at);
            if (first < 0) {
                continue;
            }
            int phraseEnd = at + cleanPhrase.length();
            int last = words.wordEndingAt(phraseEnd);
            if (last < 0 && cleanPrompt.startsWith("s", phraseEnd)) {
                last = words.wordEndingAt(phraseEnd + 1);
            }
            if (last < 0 && cleanPrompt.startsWith("es", phraseEnd)) {
                last = words.wordEndingAt(phraseEnd + 2);
            }
            if (last < 0) {
                continue;
            }
            TokenSpan span = new TokenSpan(1 + words.tokensBefore(first), 1 + words.tokensBefore(last + 1));
            if (span.end() > contextLength - 1) {
                throw new IllegalArgumentException("phrase '" + phrase + "' sits at tokens " + span.start() + ".."
                        + (span.end() - 1) + ", past the " + (contextLength - 2) + " text tokens kept of prompt '"
                        + prompt + "'");
            }
            return span;
        }
        throw new IllegalArgumentException("phrase '" + phrase + "' does not occur as whole words in prompt '" + prompt + "'");
    }

    /** BPE ids of one pre-token (a regex match of cleaned text). */
    int[] encodeWord(String word) {
        int[] cached = cache.get(word);
        if (cached != null) {
            return cached;
        }
        int[] ids;
        if (word.equals(ClipText.START_OF_TEXT)) {
            ids = new int[] {vocab.startId};
        } else if (word.equals(ClipText.END_OF_TEXT)) {
            ids = new int[] {vocab.endId};
        } else {
            ids = bpe(word.getBytes(StandardCharsets.UTF_8));
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(word, ids);
        return ids;
    }

    /** Repeatedly merge the adjacent pair with the lowest merge rank, all its occurrences left to right. */
    private int[] bpe(byte[] bytes) {
        int n = bytes.length;
        int[] symbols = new int[n];
        for (int i = 0; i < n - 1; i++) {
            symbols[i] = vocab.idOfByte[bytes[i] & 0xff];
        }
        symbols[n - 1] = vocab.idOfByteEndingWord[bytes[n - 1] & 0xff];
        while (n > 1) {
            int bestRank = Integer.MAX_VALUE;
            int bestAt = -1;
            for (int i = 0; i < n - 1; i++) {
                Integer rank = vocab.rankOfPair.get(BpeVocabulary.pack(symbols[i], symbols[i + 1]));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    bestAt = i;
                }
            }
            if (bestAt < 0) {
                break;
            }
            n = mergeAll(symbols, n, symbols[bestAt], symbols[bestAt + 1], vocab.mergedIdOfRank[bestRank]);
        }
        return Arrays.copyOf(symbols, n);
    }

    private static int mergeAll(int[] symbols, int n, int first, int second, int merged) {
        int out = 0;
        for (int i = 0; i < n; ) {
            if (i < n - 1 && symbols[i] == first && symbols[i + 1] == second) {
                symbols[out++] = merged;
                i += 2;
            } else {
                symbols[out++] = symbols[i++];
            }
        }
        return out;
    }

    private static String requireText(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text to tokenize is null");
        }
        return text;
    }

    /** Growable int list without boxing. */
    private static final class IdBuffer {
        private int[] ids;
        private int size;

        IdBuffer(int capacity) {
            ids = new int[Math.max(4, capacity)];
        }

        void add(int id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }

        void addAll(int[] more) {
            for (int id : more) {
                add(id);
            }
        }

        int[] toArray() {
            return Arrays.copyOf(ids, size);
        }
    }
}
