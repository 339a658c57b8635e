package io.maskmill.sample.tokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes a small CLIP-style BPE vocabulary ({@code vocab.json} + {@code merges.txt}) in which every
 * added word is one token: the 512 byte symbols, the merges that build the words, and the two
 * special tokens. Any text still tokenizes (unknown words fall back to byte symbols). Used by the
 * tiny test models, which need a real tokenizer whose class words have known ids.
 */
public final class ClipVocabularyBuilder {
    private final Map<String, Integer> rank = new HashMap<>();
    private final List<String[]> merges = new ArrayList<>();

    /** Adds merges (at the end, so earlier words keep their tokens) until {@code word} is one token. */
    public ClipVocabularyBuilder addWord(String word) {
        if (word.isEmpty() || !word.chars().allMatch(Character::isLetter)) {
            throw new IllegalArgumentException("vocabulary words are letter runs, got '" + word + "'");
        }
        List<String> symbols = bpe(symbolsOf(word));
        while (symbols.size() > 1) {
            String[] pair = { symbols.get(0), symbols.get(1) };
            rank.put(pair[0] + " " + pair[1], merges.size());
            merges.add(pair);
            symbols = bpe(symbolsOf(word));
        }
        return this;
    }

    /** The word's byte symbols, the last one marked end-of-word. */
    private static List<String> symbolsOf(String word) {
        byte[] bytes = word.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        List<String> symbols = new ArrayList<>();
        for (byte b : bytes) {
            symbols.add(String.valueOf(ByteSymbols.CHAR_OF_BYTE[b & 0xFF]));
        }
        symbols.set(symbols.size() - 1, symbols.get(symbols.size() - 1) + "</w>");
        return symbols;
    }

    /** BPE as CLIP applies it: merge the lowest-ranked adjacent pair everywhere, until none is ranked. */
    private List<String> bpe(List<String> symbols) {
        List<String> s = new ArrayList<>(symbols);
        while (s.size() > 1) {
            int best = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < s.size(); i++) {
                best = Math.min(best, rank.getOrDefault(s.get(i) + " " + s.get(i + 1), Integer.MAX_VALUE));
            }
            if (best == Integer.MAX_VALUE) {
                break;
            }
            String[] pair = merges.get(best);
            List<String> merged = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                if (i + 1 < s.size() && s.get(i).equals(pair[0]) && s.get(i + 1).equals(pair[1])) {
                    merged.add(pair[0] + pair[1]);
                    i++;
                } else {
                    merged.add(s.get(i));
                }
            }
            s = merged;
        }
        return s;
    }

    /** Token → id in CLIP's order: byte symbols, byte symbols + {@code </w>}, merges, specials. */
    public Map<String, Integer> vocabulary() {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int b : ByteSymbols.BYTES_IN_VOCAB_ORDER) {
            vocab.putIfAbsent(String.valueOf(ByteSymbols.CHAR_OF_BYTE[b]), vocab.size());
        }
        for (int b : ByteSymbols.BYTES_IN_VOCAB_ORDER) {
            vocab.putIfAbsent(ByteSymbols.CHAR_OF_BYTE[b] + "</w>", vocab.size());
        }
        for (String[] m : merges) {
            vocab.putIfAbsent(m[0] + m[1], vocab.size());
        }
        vocab.put("<|startoftext|>", vocab.size());
        vocab.put("<|endoftext|>", vocab.size());
        return vocab;
    }

    /** The id of an added word's token. */
    public int idOf(String word) {
        List<String> symbols = bpe(symbolsOf(word));
        if (symbols.size() != 1) {
            throw new IllegalArgumentException("'" + word + "' is not a single token of this vocabulary");
        }
        return vocabulary().get(symbols.get(0));
    }

    /** Writes {@code vocab.json}, {@code merges.txt} and a {@code tokenizer_config.json} naming the pad token. */
    public void write(Path dir, String padToken) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper();
        Files.writeString(dir.resolve("vocab.json"), json.writeValueAsString(vocabulary()));
        StringBuilder text = new StringBuilder("#version: 0.2\n");
        merges.forEach(m -> text.append(m[0]).append(' ').append(m[1]).append('\n'));
        Files.writeString(dir.resolve("merges.txt"), text);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model_max_length", ClipTokenizer.DEFAULT_CONTEXT_LENGTH);
        config.put("pad_token", padToken);
        Files.writeString(dir.resolve("tokenizer_config.json"), json.writeValueAsString(config));
    }
}
