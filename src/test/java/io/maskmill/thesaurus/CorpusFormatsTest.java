package io.maskmill.thesaurus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import blue.strategic.parquet.ParquetWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every layout, plain and gzipped, must give the table of the same captions read as plain text. */
class CorpusFormatsTest {
    private static final Lexicon LEXICON = Lexicon.standard();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<String> captions;
    private static ThesaurusTable expected;

    @TempDir
    Path dir;

    @BeforeAll
    static void captions() throws IOException {
        captions = TestData.flickrCaptions(2000);
        expected = TestData.tableOf(LEXICON, captions);
    }

    private ThesaurusTable build(Path file, BuildOptions options) {
        return new ThesaurusBuilder(LEXICON).build(List.of(file), options).table();
    }

    private OutputStream open(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        return file.toString().endsWith(".gz") ? new GZIPOutputStream(out) : out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".gz"})
    void plainTextAndFlickrTokenFiles(String gz) throws IOException {
        Path text = dir.resolve("captions.txt" + gz);
        Path flickr = dir.resolve("captions.token" + gz);
        try (OutputStream t = open(text); OutputStream f = open(flickr)) {
            for (int i = 0; i < captions.size(); i++) {
                t.write((captions.get(i) + "\r\n").getBytes(StandardCharsets.UTF_8));
                f.write(("img" + i + ".jpg#0\t" + captions.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        assertEquals(expected, build(text, BuildOptions.defaults()));
        assertEquals(expected, build(flickr, BuildOptions.defaults()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".gz"})
    void cocoCaptionsJsonAndJsonLines(String gz) throws IOException {
        Path coco = dir.resolve("captions.json" + gz);
        Path jsonl = dir.resolve("captions.jsonl" + gz);
        try (OutputStream c = open(coco); OutputStream j = open(jsonl)) {
            ObjectNode root = JSON.createObjectNode();
            root.putObject("info").put("description", "test");
            var annotations = root.putArray("annotations");
            for (int i = 0; i < captions.size(); i++) {
                annotations.addObject().put("image_id", i).put("id", i).put("caption", captions.get(i));
                ObjectNode line = JSON.createObjectNode().put("url", "http://x/" + i).put("text", captions.get(i));
                line.putObject("meta").put("caption", "a decoy dog inside a nested object");
                j.write((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            root.putArray("images");
            c.write(JSON.writeValueAsBytes(root));
        }
        assertEquals(expected, build(coco, BuildOptions.defaults()));
        assertEquals(expected, build(jsonl, BuildOptions.defaults().withJsonField("text")));
    }

    @Test
    void theRealCocoCaptionsFile() {
        ThesaurusTable t = build(TestData.path("coco-mini/annotations/captions_train2017.json"), BuildOptions.defaults());
        assertEquals(400, t.captions());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".gz"})
    void csvAndTsvWithANamedColumn(String gz) throws IOException {
        Path csv = dir.resolve("captions.csv" + gz);
        Path tsv = dir.resolve("captions.tsv" + gz);
        try (CSVPrinter c = new CSVPrinter(new java.io.OutputStreamWriter(open(csv), StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader("id", "alt, text", "score").get());
                OutputStream t = open(tsv)) {
            t.write("id\tTEXT\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < captions.size(); i++) {
                c.printRecord(i, captions.get(i) + ", \"quoted\"", 0.5);
                t.write((i + "\t" + captions.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        assertEquals(expected, build(csv, BuildOptions.defaults().withColumn("alt, text")));
        assertEquals(expected, build(tsv, BuildOptions.defaults().withColumn("TEXT")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".gz"})
    void parquetLikeLaionMetadata(String gz) throws IOException {
        Path parquet = dir.resolve("part-00000.parquet");
        MessageType schema = Types.buildMessage()
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("URL")
                .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("TEXT")
                .optional(PrimitiveTypeName.INT64).named("WIDTH")
                .named("laion");
        try (ParquetWriter<Integer> writer = ParquetWriter.writeFile(schema, parquet.toFile(), (i, values) -> {
            values.write("URL", "http://example.org/" + i);
            if (i < captions.size()) {
                values.write("TEXT", captions.get(i)); // not written: a null caption
            }
            values.write("WIDTH", 512L);
        })) {
            for (int i = 0; i < captions.size() + 3; i++) {
                writer.write(i); // three rows with a null caption at the end
            }
        }
        Path input = parquet;
        if (!gz.isEmpty()) {
            input = dir.resolve("part-00000.parquet.gz");
            try (OutputStream out = open(input)) {
                Files.copy(parquet, out);
            }
        }
        assertEquals(expected, build(input, BuildOptions.defaults()));
    }
}
