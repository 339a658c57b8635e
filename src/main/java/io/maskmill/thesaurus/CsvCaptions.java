package io.maskmill.thesaurus;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV (RFC 4180, quoted fields) and TSV (IANA: tab-separated, no quoting) with a header row, read
 * with Apache Commons CSV; the caption is the named column ("caption" by default).
 */
final class CsvCaptions {
    private CsvCaptions() {
    }

    static void read(InputStream in, CaptionFeed feed, boolean tsv) throws IOException {
        String column = feed.options().column() == null ? "caption" : feed.options().column();
        CSVFormat format = (tsv ? CSVFormat.TDF.builder().setQuote(null) : CSVFormat.RFC4180.builder())
                .setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true).get();
        // invalid bytes decode to U+FFFD, so they are found in the record that holds them (a decoder
        // that throws would fail a read-ahead buffer, thousands of records away from the bad one)
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        feed.at("record", 0);
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Map<String, Integer> header = parser.getHeaderMap();
            Integer index = header.get(column);
            if (index == null) {
                feed.fileProblem("line 1", "no column '" + column + "' in the header; columns are "
                        + header.keySet(), null);
                return;
            }
            for (CSVRecord record : parser) {
                feed.at("record", record.getRecordNumber());
                if (!record.isSet(index)) {
                    feed.bad("record has " + record.size() + " fields, column '" + column + "' is field "
                            + (index + 1));
                } else if (record.get(index).indexOf('\uFFFD') >= 0) {
                    feed.bad("invalid UTF-8 in column '" + column + "'");
                } else {
                    feed.caption(record.get(index));
                }
            }
        } catch (UncheckedIOException e) {
            IOException cause = e.getCause();
            if (cause instanceof java.io.EOFException || cause instanceof java.util.zip.ZipException) {
                throw cause; // a truncated gzip stream, reported by CorpusReader
            }
            feed.fileProblem("after " + feed.position(), "malformed " + (tsv ? "TSV" : "CSV") + ": "
                    + cause.getMessage(), e);
        }
    }
}
