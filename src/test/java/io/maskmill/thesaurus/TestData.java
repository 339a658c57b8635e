package io.maskmill.thesaurus;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shared real data (../shared/data from the repository root), and small helpers over it. */
final class TestData {
    private TestData() {
    }

    static Path path(String relative) {
        Path p = Path.of("..", "shared", "data").resolve(relative);
        if (!Files.exists(p)) {
            fail("test data " + p.toAbsolutePath() + " is missing: run from the repository root with ../shared/data present");
        }
        return p;
    }

    static Path flickr8k() {
        return path("captions/flickr8k.token.txt");
    }

    /** The caption part of the first {@code n} Flickr8k lines. */
    static List<String> flickrCaptions(int n) throws IOException {
        List<String> captions = new ArrayList<>();
        for (String line : Files.readAllLines(flickr8k(), StandardCharsets.UTF_8)) {
            if (captions.size() == n) {
                break;
            }
            captions.add(line.substring(line.indexOf('\t') + 1));
        }
        return captions;
    }

    static ThesaurusTable tableOf(Lexicon lexicon, List<String> captions) {
        CooccurrenceCounter counter = new CooccurrenceCounter(TermIndex.compile(lexicon));
        for (String c : captions) {
            byte[] b = c.getBytes(StandardCharsets.UTF_8);
            counter.accept(b, 0, b.length);
        }
        return counter.toTable();
    }
}
