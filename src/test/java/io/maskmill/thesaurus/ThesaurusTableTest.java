package io.maskmill.thesaurus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThesaurusTableTest {
    private static final Lexicon LEXICON = Lexicon.standard();

    @TempDir
    Path dir;

    @Test
    void countsCaptionsOncePerTermAndComputesEquation3() {
        ThesaurusTable t = TestData.tableOf(LEXICON, List.of(
                "a car and a bus on the street", "cars on the street", "a dog on the street street",
                "a dog in the park", "nothing here"));
        int street = LEXICON.indexOf("street");
        int car = LEXICON.indexOf("car");
        int dog = LEXICON.indexOf("dog");
        int bus = LEXICON.indexOf("bus");
        assertEquals(5, t.captions());
        assertEquals(3, t.count(street));
        assertEquals(2, t.count(car, street));
        assertEquals(1, t.count(street, dog));
        assertEquals(1, t.count(car, bus));
        assertEquals(2.0 / 3, t.similarity(car, street), 1e-12);
        assertEquals(1.0 / 3, t.similarity(dog, street), 1e-12);
        assertEquals(0.5, t.similarity(street, dog), 1e-12); // P(street | dog)
        assertEquals(0.0, t.similarity(car, LEXICON.indexOf("runway")));
    }

    @Test
    void roundTripsThroughTheBinaryFormat() throws IOException {
        ThesaurusTable t = TestData.tableOf(LEXICON, TestData.flickrCaptions(5000));
        Path file = dir.resolve("t.mmth");
        t.write(file);
        assertEquals(t, ThesaurusTable.read(file));
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {'M', 'M', 'T', 'H', 0, 1}, java.util.Arrays.copyOf(bytes, 6));
        assertTrue(bytes.length < 16_000, "compact: " + bytes.length + " bytes");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void rejectsTruncatedOrCorruptTables() throws IOException {
        byte[] bytes = ThesaurusTableCodec.encode(TestData.tableOf(LEXICON, TestData.flickrCaptions(100)));
        Path truncated = dir.resolve("truncated.mmth");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        assertTrue(assertThrows(IOException.class, () -> ThesaurusTable.read(truncated)).getMessage().contains("checksum"));
        Path other = dir.resolve("other.bin");
        Files.writeString(other, "PAR1 not a table");
        assertTrue(assertThrows(IOException.class, () -> ThesaurusTable.read(other)).getMessage().contains("magic"));
    }

    @Test
    void tablesOfShardsMergeIntoExactlyTheTableOfTheWholeCorpus() throws IOException {
        List<String> lines = Files.readAllLines(TestData.flickr8k(), StandardCharsets.UTF_8);
        List<Path> shards = new ArrayList<>();
        int shardCount = 3;
        for (int s = 0; s < shardCount; s++) {
            Path shard = dir.resolve("shard-" + s + (s == 1 ? ".token.gz" : ".token"));
            try (OutputStream out = s == 1 ? new GZIPOutputStream(Files.newOutputStream(shard)) : Files.newOutputStream(shard)) {
                for (int i = s; i < lines.size(); i += shardCount) {
                    out.write((lines.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            shards.add(shard);
        }
        ThesaurusBuilder builder = new ThesaurusBuilder(LEXICON);
        ThesaurusTable whole = builder.build(List.of(TestData.flickr8k()), BuildOptions.defaults()).table();
        List<ThesaurusTable> parts = new ArrayList<>();
        for (Path shard : shards) {
            Path table = dir.resolve(shard.getFileName() + ".mmth");
            builder.buildTo(List.of(shard), BuildOptions.defaults(), table);
            parts.add(ThesaurusTable.read(table));
        }
        assertFalse(parts.get(0).equals(whole));
        assertEquals(whole, ThesaurusTable.merge(parts));
        assertEquals(40_460, whole.captions());
    }

    @Test
    void refusesToMergeTablesOfDifferentLexicons() {
        ThesaurusTable voc = TestData.tableOf(Lexicon.load(List.of("voc20"), List.of("scenes")), List.of("a dog"));
        ThesaurusTable coco = TestData.tableOf(Lexicon.load(List.of("coco80"), List.of("scenes")), List.of("a dog"));
        assertThrows(IllegalArgumentException.class, () -> ThesaurusTable.merge(List.of(voc, coco)));
    }

    @Test
    void theShippedDefaultTableIsWhatTheDocumentedCommandBuildsFromFlickr8k() {
        // rebuild with: see src/site/markdown/thesaurus.md, "The default table"
        ThesaurusTable rebuilt = new ThesaurusBuilder(Lexicon.standard())
                .build(List.of(TestData.flickr8k()), BuildOptions.defaults()).table();
        assertEquals(rebuilt, ThesaurusTable.loadDefault(),
                "default-table.mmth is stale: rebuild it with the command in thesaurus.md");
    }
}
