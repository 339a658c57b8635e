package io.maskmill.sample;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared real data ({@code ../shared/data} from the repository root) for tests and benchmarks. */
public final class SharedData {
    private SharedData() {
    }

    public static Path clipDir() {
        Path dir = Path.of("..", "shared", "data", "clip").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("shared CLIP data not found at " + dir
                    + " (expected ../shared/data/clip relative to the repository root, working dir "
                    + Path.of("").toAbsolutePath() + ")");
        }
        return dir;
    }

    public static Path clipMergesGz() {
        return clipDir().resolve("bpe_simple_vocab_16e6.txt.gz");
    }
}
