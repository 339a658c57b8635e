package io.maskmill.thesaurus;

import java.nio.charset.StandardCharsets;

/**
 * Where a corpus reader hands captions of one file: counts them, checks their length and encoding,
 * and applies the {@link OnError} policy to bad records, naming file and position.
 */
final class CaptionFeed {
    private final String file;
    private final BuildOptions options;
    private final CooccurrenceCounter counter;
    private final BuildReport report;
    private final BuildProgress progress;
    private String unit = "line";
    private long number;

    CaptionFeed(String file, BuildOptions options, CooccurrenceCounter counter, BuildReport report,
            BuildProgress progress) {
        this.file = file;
        this.options = options;
        this.counter = counter;
        this.report = report;
        this.progress = progress;
    }

    String file() {
        return file;
    }

    BuildOptions options() {
        return options;
    }

    /** Sets the current position, e.g. ("line", 12) or ("record", 40), for messages. */
    void at(String unit, long number) {
        this.unit = unit;
        this.number = number;
    }

    String position() {
        return unit + " " + number;
    }

    /** One caption as UTF-8 bytes at the current position. */
    void caption(byte[] buf, int off, int len) {
        if (len > options.maxCaptionBytes()) {
            bad("caption is " + len + " bytes, longer than the limit of " + options.maxCaptionBytes());
        } else if (!counter.accept(buf, off, len)) {
            bad("invalid UTF-8 at byte " + counter.invalidOffset() + " of the caption");
        } else {
            report.caption();
            progress.tick();
        }
    }

    void caption(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        caption(bytes, 0, bytes.length);
    }

    /** A bad record at the current position: abort, or count and go on. */
    void bad(String problem) {
        if (options.onError() == OnError.ABORT) {
            throw new CorpusException(file, position(), problem);
        }
        report.bad(file + " " + position() + ": " + problem);
    }

    /** A problem that ends the reading of this file (rest unreadable, column missing, ...). */
    void fileProblem(String position, String problem, Throwable cause) {
        if (options.onError() == OnError.ABORT) {
            throw new CorpusException(file, position, problem, cause);
        }
        report.bad(file + (position == null ? "" : " " + position) + ": " + problem + " (rest of file skipped)");
    }
}
