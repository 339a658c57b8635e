package io.maskmill.sample.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * CLIP's BPE tables: token strings and ids, the rank of every merge, and the ids of the 512
 * single-byte symbols (each byte alone and each byte ending a word, {@code </w>}).
 */
final class BpeVocabulary {
    /** Merges CLIP keeps from its merges list: 49152 - 256 - 2 (lines 2..48895 of the file). */
    static final int CLIP_MERGE_COUNT = 49152 - 256 - 2;
    static final String END_OF_WORD = "</w>";

    final String[] tokens;
    final Map<String, Integer> idOfToken;
    /** Merge rank by packed symbol-id pair (first << 32 | second). */
    final Map<Long, Integer> rankOfPair;
    /** Id of the symbol each merge produces, indexed by rank. */
    final int[] mergedIdOfRank;
    final int[] idOfByte = new int[256];
    final int[] idOfByteEndingWord = new int[256];
    final int startId;
    final int endId;

    private BpeVocabulary(String[] tokens, Map<String, Integer> idOfToken, List<String[]> merges,
                          List<Integer> mergeLines, Path mergesFile) {
        this.tokens = tokens;
        this.idOfToken = idOfToken;
        Path vocabSource = mergesFile;
        for (int b = 0; b < 256; b++) {
            String symbol = String.valueOf(ByteSymbols.CHAR_OF_BYTE[b]);
            idOfByte[b] = requireToken(symbol, vocabSource, "byte symbol for byte " + b);
            idOfByteEndingWord[b] = requireToken(symbol + END_OF_WORD, vocabSource, "word-final byte symbol for byte " + b);
        }
        startId = requireToken(ClipText.START_OF_TEXT, vocabSource, "special token");
        endId = requireToken(ClipText.END_OF_TEXT, vocabSource, "special token");
        rankOfPair = new HashMap<>(merges.size() * 2);
        mergedIdOfRank = new int[merges.size()];
        for (int rank = 0; rank < merges.size(); rank++) {
            String[] pair = merges.get(rank);
            int line = mergeLines.get(rank);
            Integer first = idOfToken.get(pair[0]);
            Integer second = idOfToken.get(pair[1]);
            Integer merged = idOfToken.get(pair[0] + pair[1]);
            if (first == null || second == null || merged == null) {
                throw TokenizerFileException.atLine(mergesFile, line, "merge '" + pair[0] + " " + pair[1]
                        + "' uses or produces a symbol missing from the vocabulary");
            }
            rankOfPair.put(pack(first, second), rank); // a repeated pair keeps its last rank, as in CLIP
            mergedIdOfRank[rank] = merged;
        }
    }

    static long pack(int first, int second) {
        return ((long) first << 32) | (second & 0xffffffffL);
    }

    private int requireToken(String token, Path source, String what) {
        Integer id = idOfToken.get(token);
        if (id == null) {
            throw new TokenizerFileException(source + ": vocabulary lacks the " + what + " '" + token + "'");
        }
        return id;
    }

    /**
     * CLIP's own construction from {@code bpe_simple_vocab_16e6.txt.gz}: the 256 byte symbols, the
     * same with {@code </w>}, each merge joined in rank order, then start and end of text.
     */
    static BpeVocabulary fromClipMergesGz(Path gz) {
        List<String[]> merges = new ArrayList<>(CLIP_MERGE_COUNT);
        List<Integer> lines = new ArrayList<>(CLIP_MERGE_COUNT);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null) {
                throw new TokenizerFileException(gz + ": empty file, expected a header line and "
                        + CLIP_MERGE_COUNT + " merges");
            }
            int lineNo = 1;
            while (merges.size() < CLIP_MERGE_COUNT) {
                String line = reader.readLine();
                lineNo++;
                if (line == null) {
                    throw new TokenizerFileException(gz + ": ends at line " + (lineNo - 1) + " after " + merges.size()
                            + " merges; CLIP needs " + CLIP_MERGE_COUNT + " (lines 2.." + (CLIP_MERGE_COUNT + 1) + ")");
                }
                merges.add(parseMerge(line, gz, lineNo));
                lines.add(lineNo);
            }
        } catch (IOException e) {
            throw new TokenizerFileException("cannot read CLIP merges file " + gz + ": " + e, e);
        }
        List<String> vocab = new ArrayList<>(2 * 256 + merges.size() + 2);
        for (int b : ByteSymbols.BYTES_IN_VOCAB_ORDER) {
            vocab.add(String.valueOf(ByteSymbols.CHAR_OF_BYTE[b]));
        }
        for (int i = 0; i < 256; i++) {
            vocab.add(vocab.get(i) + END_OF_WORD);
        }
        for (String[] merge : merges) {
            vocab.add(merge[0] + merge[1]);
        }
        vocab.add(ClipText.START_OF_TEXT);
        vocab.add(ClipText.END_OF_TEXT);
        String[] tokens = vocab.toArray(new String[0]);
        Map<String, Integer> ids = new HashMap<>(tokens.length * 2);
        for (int id = 0; id < tokens.length; id++) {
            ids.put(tokens[id], id); // a repeated merge result keeps its last id, as CLIP's dict(zip(...)) does
        }
        return new BpeVocabulary(tokens, ids, merges, lines, gz);
    }

    /** HuggingFace layout: {@code vocab.json} (token → id) and {@code merges.txt} ({@code #version} header optional). */
    static BpeVocabulary fromVocabJsonAndMerges(Path vocabJson, Path mergesTxt) {
        Map<String, Integer> ids = readVocabJson(vocabJson);
        String[] tokens = new String[ids.size()];
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            int id = e.getValue();
            if (id < 0 || id >= tokens.length || tokens[id] != null) {
                throw new TokenizerFileException(vocabJson + ": ids must be 0.." + (tokens.length - 1)
                        + " each used once; '" + e.getKey() + "' has id " + id);
            }
            tokens[id] = e.getKey();
        }
        List<String[]> merges = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(mergesTxt, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                if ((lineNo == 1 && line.startsWith("#version")) || line.isBlank()) {
                    continue;
                }
                merges.add(parseMerge(line, mergesTxt, lineNo));
                lines.add(lineNo);
            }
        } catch (IOException e) {
            throw new TokenizerFileException("cannot read merges file " + mergesTxt + ": " + e, e);
        }
        if (merges.isEmpty()) {
            throw new TokenizerFileException(mergesTxt + ": no merges found");
        }
        return new BpeVocabulary(tokens, ids, merges, lines, mergesTxt);
    }

    private static Map<String, Integer> readVocabJson(Path vocabJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(vocabJson.toFile());
        } catch (JsonProcessingException e) {
            throw new TokenizerFileException(vocabJson + " line " + e.getLocation().getLineNr()
                    + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new TokenizerFileException("cannot read vocabulary file " + vocabJson + ": " + e, e);
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new TokenizerFileException(vocabJson + ": expected a non-empty JSON object of token -> id");
        }
        Map<String, Integer> ids = new HashMap<>(root.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToInt() || !e.getValue().isIntegralNumber()) {
                throw new TokenizerFileException(vocabJson + ": token '" + e.getKey() + "' has non-integer id "
                        + e.getValue());
            }
            ids.put(e.getKey(), e.getValue().intValue());
        }
        return ids;
    }

    private static String[] parseMerge(String line, Path file, int lineNo) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length != 2 || parts[0].isEmpty()) {
            throw TokenizerFileException.atLine(file, lineNo, "expected two symbols separated by a space, got '" + line + "'");
        }
        return parts;
    }
}
