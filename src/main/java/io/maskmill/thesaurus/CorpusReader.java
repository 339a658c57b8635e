package io.maskmill.thesaurus;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams the captions of one corpus file into a {@link CaptionFeed}: gunzips when the file starts
 * with the gzip magic bytes, detects the layout when asked, and never holds more than one record.
 */
final class CorpusReader {
    private static final int BUFFER = 1 << 16;

    private CorpusReader() {
    }

    static void read(Path file, CaptionFeed feed, BuildProgress progress, BuildReport report) {
        String name = feed.file();
        if (!Files.isRegularFile(file)) {
            throw new CorpusException(name, null, "no such file");
        }
        CountingInputStream raw;
        try {
            raw = new CountingInputStream(Files.newInputStream(file));
        } catch (IOException e) {
            throw new CorpusException(name, null, "cannot open: " + e.getMessage(), e);
        }
        progress.startFile(name, raw::count);
        boolean gzip = false;
        try (raw) {
            BufferedInputStream peek = new BufferedInputStream(raw, BUFFER);
            gzip = startsWith(peek, new byte[] {0x1f, (byte) 0x8b});
            // not a BufferedInputStream over gzip: its greedy reads would lose the lines inflated
            // just before a truncation, which SKIP keeps
            PushbackInputStream in = new PushbackInputStream(gzip ? new GZIPInputStream(peek, BUFFER) : peek, BUFFER);
            CorpusFormat format = feed.options().format();
            if (format == CorpusFormat.AUTO) {
                format = startsWith(in, new byte[] {'P', 'A', 'R', '1'}) ? CorpusFormat.PARQUET
                        : CorpusFormat.detect(file, firstLineHasTab(in));
            }
            switch (format) {
                case TEXT, FLICKR -> readLines(in, feed, format == CorpusFormat.FLICKR);
                case JSONL -> JsonCaptions.readJsonLines(in, feed);
                case COCO -> JsonCaptions.readCoco(in, feed);
                case CSV, TSV -> CsvCaptions.read(in, feed, format == CorpusFormat.TSV);
                case PARQUET -> ParquetCaptions.read(gzip ? null : file, in, feed);
                default -> throw new IllegalStateException("format " + format);
            }
        } catch (EOFException | ZipException e) {
            feed.fileProblem("after " + feed.position(), (gzip ? "truncated or corrupt gzip stream: " : "file ends early: ")
                    + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            feed.fileProblem("after " + feed.position(), "read failed: " + e.getCause().getMessage(), e);
        } catch (IOException e) {
            feed.fileProblem("after " + feed.position(), "read failed: " + e.getMessage(), e);
        } finally {
            progress.endFile(raw.count());
            report.fileDone(raw.count());
        }
    }

    private static void readLines(InputStream in, CaptionFeed feed, boolean flickr) throws IOException {
        LineReader lines = new LineReader(feed.options().maxCaptionBytes());
        lines.read(in, new LineReader.Handler() {
            @Override
            public void line(byte[] buf, int off, int len, long lineNumber) {
                feed.at("line", lineNumber);
                if (len == 0) {
                    return;
                }
                if (!flickr) {
                    feed.caption(buf, off, len);
                    return;
                }
                int tab = indexOf(buf, off, len, (byte) '\t');
                if (tab < 0) {
                    feed.bad("no TAB between image id and caption");
                } else {
                    feed.caption(buf, tab + 1, off + len - tab - 1);
                }
            }

            @Override
            public void tooLong(long lineNumber, int limit) {
                feed.at("line", lineNumber);
                feed.bad("line is longer than the limit of " + limit + " bytes");
            }
        });
    }

    static int indexOf(byte[] buf, int off, int len, byte b) {
        for (int i = off, end = off + len; i < end; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(BufferedInputStream in, byte[] magic) throws IOException {
        in.mark(magic.length);
        byte[] head = in.readNBytes(magic.length);
        in.reset();
        return java.util.Arrays.equals(head, magic);
    }

    private static boolean startsWith(PushbackInputStream in, byte[] magic) throws IOException {
        byte[] head = in.readNBytes(magic.length);
        in.unread(head);
        return java.util.Arrays.equals(head, magic);
    }

    private static boolean firstLineHasTab(PushbackInputStream in) throws IOException {
        byte[] head = in.readNBytes(BUFFER);
        in.unread(head);
        for (byte b : head) {
            if (b == '\n') {
                return false;
            }
            if (b == '\t') {
                return true;
            }
        }
        return false;
    }

    /** Counts the bytes read from disk, for progress and the report. */
    static final class CountingInputStream extends FilterInputStream {
        private volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
