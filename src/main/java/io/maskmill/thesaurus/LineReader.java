package io.maskmill.thesaurus;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines ('\n', an optional '\r' before it is dropped) without decoding
 * and without holding more than one line: a line longer than the limit is reported and skipped
 * as it streams by, never buffered whole.
 */
final class LineReader {
    interface Handler {
        void line(byte[] buf, int off, int len, long lineNumber);

        void tooLong(long lineNumber, int limit);
    }

    private static final int MIN_READ = 1 << 16;

    private final int maxLineBytes;
    private final byte[] buf;
    private long lineNumber;

    LineReader(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
        this.buf = new byte[Math.max(1 << 18, maxLineBytes + 1 + MIN_READ)];
    }

    /** Lines completed so far (the number of the line being read is one more). */
    long lineNumber() {
        return lineNumber;
    }

    void read(InputStream in, Handler handler) throws IOException {
        int start = 0;
        int end = 0;
        boolean skipping = false;
        while (true) {
            if (buf.length - end < MIN_READ && start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                break;
            }
            int scan = end;
            end += n;
            for (int i = scan; i < end; i++) {
                if (buf[i] == '\n') {
                    lineNumber++;
                    if (!skipping) {
                        emit(handler, start, i);
                    }
                    skipping = false;
                    start = i + 1;
                }
            }
            if (!skipping && end - start > maxLineBytes) {
                handler.tooLong(lineNumber + 1, maxLineBytes);
                skipping = true;
            }
            if (skipping) {
                start = end;
            }
        }
        if (skipping) {
            lineNumber++;
        } else if (end > start) {
            lineNumber++;
            emit(handler, start, end);
        }
    }

    private void emit(Handler handler, int start, int endExclusive) {
        int len = endExclusive - start;
        if (len > 0 && buf[endExclusive - 1] == '\r') {
            len--;
        }
        handler.line(buf, start, len, lineNumber);
    }
}
