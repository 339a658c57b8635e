package io.maskmill.thesaurus;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/** Prints captions/s and bytes read to the terminal every couple of seconds during a long build. */
final class BuildProgress {
    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private long lastPrint = startNanos;
    private long captions;
    private long bytesOfFinishedFiles;
    private LongSupplier currentFileBytes = () -> 0;
    private String currentFile = "";

    BuildProgress(PrintStream out) {
        this.out = out;
    }

    void startFile(String file, LongSupplier bytesSoFar) {
        currentFile = file;
        currentFileBytes = bytesSoFar;
    }

    void endFile(long bytes) {
        bytesOfFinishedFiles += bytes;
        currentFileBytes = () -> 0;
    }

    /** Called per caption; looks at the clock only every 65536 captions. */
    void tick() {
        if ((++captions & 0xFFFF) == 0 && out != null) {
            long now = System.nanoTime();
            if (now - lastPrint >= INTERVAL_NANOS) {
                lastPrint = now;
                print(now, "");
            }
        }
    }

    void finish() {
        if (out != null) {
            print(System.nanoTime(), " (done)");
        }
    }

    private void print(long now, String suffix) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        long bytes = bytesOfFinishedFiles + currentFileBytes.getAsLong();
        out.printf(Locale.ROOT, "thesaurus-build: %,d captions (%,.0f/s), %,.1f MB read (%,.1f MB/s), %s%s%n",
                captions, captions / seconds, bytes / 1e6, bytes / 1e6 / seconds, currentFile, suffix);
    }
}
