package io.maskmill.sample.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maskmill.sample.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipTokenizerTest {
    private static ClipTokenizer tokenizer;
    private static List<String> texts;
    private static List<int[]> goldenIds;

    @BeforeAll
    static void load() throws IOException {
        tokenizer = ClipTokenizer.fromMergesGz(SharedData.clipMergesGz());
        JsonNode cases = new ObjectMapper().readTree(SharedData.clipDir().resolve("golden-token-ids.json").toFile()).get("cases");
        texts = new ArrayList<>();
        goldenIds = new ArrayList<>();
        for (JsonNode c : cases) {
            texts.add(c.get("text").asText());
            int[] ids = new int[c.get("ids").size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = c.get("ids").get(i).asInt();
            }
            goldenIds.add(ids);
        }
        assertEquals(30, texts.size(), "golden file should hold 30 cases");
    }

    @Test
    void vocabularyIsBuiltAsClipBuildsIt() {
        assertEquals(49408, tokenizer.vocabularySize());
        assertEquals("!", tokenizer.token(0));
        assertEquals("a</w>", tokenizer.token(320));
        assertEquals(49406, tokenizer.startId());
        assertEquals(49407, tokenizer.endId());
    }

    @Test
    void reproducesReferenceIdsExactly() {
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(goldenIds.get(i), tokenizer.encode(texts.get(i)), "ids of '" + texts.get(i) + "'");
        }
    }

    @Test
    void cleansHtmlEntitiesAndUnicodeWhitespaceLikeClip() {
        assertArrayEquals(tokenizer.encode("tom & jerry"), tokenizer.encode("Tom &amp;amp; Jerry"));
        assertArrayEquals(tokenizer.encode("a cat"), tokenizer.encode("\u00a0A\u2003\u3000cat\u0085"));
    }

    @Test
    void vocabJsonAndMergesTxtGiveTheSameIds(@TempDir Path dir) throws IOException {
        Path vocabJson = dir.resolve("vocab.json");
        Path mergesTxt = dir.resolve("merges.txt");
        writeHuggingFacePair(vocabJson, mergesTxt);
        ClipTokenizer hf = ClipTokenizer.fromVocabAndMerges(vocabJson, mergesTxt);
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(goldenIds.get(i), hf.encode(texts.get(i)), "ids of '" + texts.get(i) + "'");
        }
    }

    @Test
    void tokenizerFolderReadsPadTokenFromConfig(@TempDir Path dir) throws IOException {
        writeHuggingFacePair(dir.resolve("vocab.json"), dir.resolve("merges.txt"));
        Files.writeString(dir.resolve("tokenizer_config.json"),
                "{\"pad_token\": {\"content\": \"!\"}, \"model_max_length\": 77}");
        ClipTokenizer sd2 = ClipTokenizer.fromDirectory(dir);
        assertEquals(0, sd2.padId());
        int[] padded = sd2.encodePadded("a photo of a cat and a dog");
        assertEquals(77, padded.length);
        assertEquals(49407, padded[9]);
        assertEquals(0, padded[10]);
        assertEquals(0, padded[76]);
    }

    @Test
    void padsWithEndTokenAndTruncatesKeepingIt() {
        int[] padded = tokenizer.encodePadded("a photo of a cat and a dog", 77);
        assertArrayEquals(goldenIds.get(0), java.util.Arrays.copyOf(padded, 10));
        for (int i = 10; i < 77; i++) {
            assertEquals(49407, padded[i]);
        }
        assertEquals(0, tokenizer.withPadId(0).encodePadded("a cat", 77)[5]);

        int[] truncated = tokenizer.encodePadded("cat ".repeat(100), 77);
        assertEquals(77, truncated.length);
        assertEquals(49406, truncated[0]);
        assertEquals(2368, truncated[75]);
        assertEquals(49407, truncated[76]);
    }

    @Test
    void spanOfFindsSingleMultiTokenAndPluralWords() {
        assertEquals(new TokenSpan(5, 6), tokenizer.spanOf("a photograph of a motorbike", "motorbike"));
        assertEquals(new TokenSpan(5, 7), tokenizer.spanOf("a photograph of a tv monitor", "tv monitor"));
        assertEquals(new TokenSpan(5, 7), tokenizer.spanOf("a photograph of a potted plant", "Potted  Plant"));
        assertEquals(new TokenSpan(5, 7), tokenizer.spanOf("a photograph of an aeroplane", "aeroplane"));
        assertEquals(new TokenSpan(2, 3), tokenizer.spanOf("Two airplanes parked at the airport", "airplane"));
        assertEquals(new TokenSpan(11, 12), tokenizer.spanOf("traffic-light & fire_hydrant; 3 cats' toys", "cat"));
        assertEquals(new TokenSpan(7, 9), tokenizer.spanOf("traffic-light & fire_hydrant; 3 cats' toys", "hydrant"));
        assertEquals(new TokenSpan(4, 5), tokenizer.spanOf("It's a dog's life", "dog"));
    }

    @Test
    void spanOfRejectsAbsentPartialAndTruncatedPhrases() {
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> tokenizer.spanOf("a photograph of a dog", "person"));
        assertTrue(absent.getMessage().contains("'person'"), absent.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tokenizer.spanOf("a bobcat in the snow", "cat"));
        assertThrows(IllegalArgumentException.class, () -> tokenizer.spanOf("a catalogue", "cat"));
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
                () -> tokenizer.spanOf("tree ".repeat(80) + "and a horse", "horse"));
        assertTrue(late.getMessage().contains("past the 75 text tokens"), late.getMessage());
    }

    @Test
    void missingAndCorruptFilesNameFileAndLine(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.txt.gz");
        TokenizerFileException e = assertThrows(TokenizerFileException.class, () -> ClipTokenizer.fromMergesGz(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());

        Path shortGz = dir.resolve("short.txt.gz");
        writeGz(shortGz, "#version: 0.2\ni n\nt h\n");
        e = assertThrows(TokenizerFileException.class, () -> ClipTokenizer.fromMergesGz(shortGz));
        assertTrue(e.getMessage().contains("ends at line 3 after 2 merges"), e.getMessage());

        Path badLine = dir.resolve("bad.txt.gz");
        writeGz(badLine, "#version: 0.2\ni n\nthree parts here\n");
        e = assertThrows(TokenizerFileException.class, () -> ClipTokenizer.fromMergesGz(badLine));
        assertTrue(e.getMessage().contains("bad.txt.gz line 3"), e.getMessage());

        Path vocabJson = dir.resolve("vocab.json");
        Path mergesTxt = dir.resolve("merges.txt");
        writeHuggingFacePair(vocabJson, mergesTxt);
        Files.writeString(mergesTxt, "#version: 0.2\ni n\nq\u00e7 zz\n");
        e = assertThrows(TokenizerFileException.class, () -> ClipTokenizer.fromVocabAndMerges(vocabJson, mergesTxt));
        assertTrue(e.getMessage().contains("merges.txt line 3"), e.getMessage());

        Files.writeString(vocabJson, "{\n \"a\": 0,\n \"b\": oops\n}");
        e = assertThrows(TokenizerFileException.class, () -> ClipTokenizer.fromVocabAndMerges(vocabJson, mergesTxt));
        assertTrue(e.getMessage().contains("vocab.json line 3"), e.getMessage());
    }

    /** A HuggingFace-style pair derived from the CLIP merges list, entries of vocab.json shuffled. */
    private static void writeHuggingFacePair(Path vocabJson, Path mergesTxt) throws IOException {
        List<Integer> order = new ArrayList<>();
        for (int id = 0; id < tokenizer.vocabularySize(); id++) {
            order.add(id);
        }
        Collections.shuffle(order, new java.util.Random(7));
        ObjectNode vocab = new ObjectMapper().createObjectNode();
        for (int id : order) {
            vocab.put(tokenizer.token(id), id);
        }
        new ObjectMapper().writeValue(vocabJson.toFile(), vocab);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(SharedData.clipMergesGz())), StandardCharsets.UTF_8))) {
            StringBuilder merges = new StringBuilder("#version: 0.2\n");
            in.readLine();
            for (int i = 0; i < BpeVocabulary.CLIP_MERGE_COUNT; i++) {
                merges.append(in.readLine()).append('\n');
            }
            Files.writeString(mergesTxt, merges);
        }
    }

    private static void writeGz(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
