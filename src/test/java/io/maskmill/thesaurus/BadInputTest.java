package io.maskmill.thesaurus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import blue.strategic.parquet.ParquetWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input: a precise message with file and position; SKIP counts; no partial table. */
class BadInputTest {
    private static final ThesaurusBuilder BUILDER = new ThesaurusBuilder(Lexicon.standard());

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private CorpusException abort(Path file, BuildOptions options) {
        Path out = dir.resolve("out.mmth");
        CorpusException e = assertThrows(CorpusException.class,
                () -> BUILDER.buildTo(List.of(file), options.withOnError(OnError.ABORT), out));
        assertFalse(Files.exists(out), "no table under the final name after a failed build");
        return e;
    }

    private BuildReport skip(Path file, BuildOptions options) {
        return BUILDER.build(List.of(file), options.withOnError(OnError.SKIP)).report();
    }

    @Test
    void truncatedGzip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            for (String c : TestData.flickrCaptions(5000)) {
                gz.write(utf8(c + "\n"));
            }
        }
        Path file = write("captions.txt.gz", Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));
        CorpusException e = abort(file, BuildOptions.defaults());
        assertEquals(file.toString(), e.file());
        assertTrue(e.getMessage().contains("truncated or corrupt gzip"), e.getMessage());
        assertTrue(e.position().startsWith("after line "), e.position());

        BuildReport report = skip(file, BuildOptions.defaults());
        assertEquals(1, report.badRecords());
        assertTrue(report.captions() > 1000 && report.captions() < 5000, "captions before the cut are kept");
        assertTrue(report.problems().get(0).contains("rest of file skipped"));
    }

    @Test
    void missingColumnOrField() throws IOException {
        Path csv = write("c.csv", utf8("id,url\n1,http://x\n"));
        CorpusException e = abort(csv, BuildOptions.defaults());
        assertEquals("line 1", e.position());
        assertTrue(e.getMessage().contains("no column 'caption'") && e.getMessage().contains("[id, url]"), e.getMessage());

        Path jsonl = write("c.jsonl", utf8("{\"text\":\"a dog\"}\n{\"caption\":\"a cat\"}\n{\"text\":7}\n"));
        e = abort(jsonl, BuildOptions.defaults().withJsonField("text"));
        assertEquals("line 2", e.position());
        assertTrue(e.getMessage().contains("no string field 'text'"), e.getMessage());
        BuildReport report = skip(jsonl, BuildOptions.defaults().withJsonField("text"));
        assertEquals(1, report.captions());
        assertEquals(2, report.badRecords());

        Path parquet = dir.resolve("p.parquet");
        try (ParquetWriter<String> w = ParquetWriter.writeFile(Types.buildMessage()
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("URL").named("m"),
                parquet.toFile(), (s, v) -> v.write("URL", s))) {
            w.write("http://x");
        }
        e = abort(parquet, BuildOptions.defaults());
        assertTrue(e.getMessage().contains("no column TEXT or caption; columns are [URL]"), e.getMessage());
    }

    @Test
    void nonUtf8Bytes() throws IOException {
        byte[] bytes = utf8("a dog on the beach\na caf\u00e9 on the street\nx\n");
        byte[] bad = Arrays.copyOf(bytes, bytes.length + 12);
        System.arraycopy(new byte[] {'a', ' ', 'c', 'a', 't', ' ', (byte) 0xFF, (byte) 0xFE, ' ', 'o', 'k', '\n'}, 0,
                bad, bytes.length, 12);
        Path file = write("c.txt", bad);
        CorpusException e = abort(file, BuildOptions.defaults());
        assertEquals("line 4", e.position());
        assertTrue(e.getMessage().contains("invalid UTF-8 at byte 6"), e.getMessage());
        BuildReport report = skip(file, BuildOptions.defaults());
        assertEquals(3, report.captions());
        assertEquals(1, report.badRecords());

        Path csv = write("c.csv", concat(utf8("id,caption\n1,a dog\n2,a "), new byte[] {(byte) 0xC3, '('}, utf8(" cat\n")));
        e = abort(csv, BuildOptions.defaults());
        assertEquals("record 2", e.position());
        assertTrue(e.getMessage().contains("invalid UTF-8"), e.getMessage());
        assertEquals(1, skip(csv, BuildOptions.defaults()).captions());
    }

    @Test
    void emptyCorpus() throws IOException {
        Path empty = write("empty.txt", new byte[0]);
        CorpusException e = abort(empty, BuildOptions.defaults());
        assertTrue(e.getMessage().contains("empty corpus"), e.getMessage());
        Path blank = write("blank.txt", utf8("\n\n\r\n"));
        assertTrue(abort(blank, BuildOptions.defaults()).getMessage().contains("empty corpus"));
        Path notCoco = write("x.json", utf8("{\"images\": []}"));
        assertTrue(abort(notCoco, BuildOptions.defaults()).getMessage().contains("no top-level 'annotations'"));
    }

    @Test
    void absurdlyLongLines() throws IOException {
        byte[] huge = new byte[3_000_000];
        Arrays.fill(huge, (byte) 'a');
        Path file = write("long.txt", concat(utf8("a dog\n"), huge, utf8("\na cat on the street\n")));
        BuildOptions options = BuildOptions.defaults().withMaxCaptionBytes(1024);
        CorpusException e = abort(file, options);
        assertEquals("line 2", e.position());
        assertTrue(e.getMessage().contains("longer than the limit of 1024 bytes"), e.getMessage());
        BuildReport report = skip(file, options);
        assertEquals(2, report.captions(), "the lines around the long one are read");
        assertEquals(1, report.badRecords());

        Path jsonl = write("long.jsonl", concat(utf8("{\"caption\": \""), huge, utf8("\"}\n{\"caption\": \"a dog\"}\n")));
        assertEquals("line 1", abort(jsonl, options).position());
        assertEquals(1, skip(jsonl, options).captions());
    }

    @Test
    void missingFileAndBadFlickrLine() throws IOException {
        CorpusException e = abort(dir.resolve("nope.txt"), BuildOptions.defaults());
        assertTrue(e.getMessage().contains("no such file"));
        Path flickr = write("f.token", utf8("1.jpg#0\ta dog\nno tab here\n"));
        e = abort(flickr, BuildOptions.defaults());
        assertEquals("line 2", e.position());
        assertTrue(e.getMessage().contains("no TAB"));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
