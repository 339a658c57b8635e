package io.maskmill.thesaurus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TermMatcherTest {
    private static final Lexicon LEXICON = Lexicon.standard();
    private final TermMatcher matcher = TermIndex.compile(LEXICON).newMatcher();

    private Set<String> concepts(String caption) {
        return concepts(caption.getBytes(StandardCharsets.UTF_8));
    }

    private Set<String> concepts(byte[] bytes) {
        int[] out = new int[LEXICON.size()];
        int n = matcher.match(bytes, 0, bytes.length, out);
        Set<String> names = new TreeSet<>();
        Arrays.stream(out, 0, Math.max(0, n)).forEach(c -> names.add(LEXICON.concept(c).name()));
        return names;
    }

    @Test
    void readsSynonymsAndIrregularPluralsAsTheirClass() {
        assertEquals(Set.of("person", "dog"), concepts("Two MEN and three children walk their puppies."));
        assertEquals(Set.of("aeroplane", "airplane", "airport"), concepts("A jet parked at the airport"));
        assertEquals(Set.of("motorbike", "motorcycle", "street"), concepts("motorcycles on a city street"));
        assertEquals(Set.of("sheep", "cow", "field"), concepts("sheep and cattle grazing in the fields"));
        assertEquals(Set.of("knife", "fork", "table"), concepts("knives and forks on the counter"));
    }

    @Test
    void prefersTheLongestPhrase() {
        // "dining table" is the class; the scene word "table" is only read when no longer phrase matches
        assertEquals(Set.of("diningtable", "dining table", "living room"), concepts("a dining table in the living room"));
        assertEquals(Set.of("traffic light", "street"), concepts("traffic-lights over the street"));
        assertEquals(Set.of("fire hydrant", "sidewalk"), concepts("A red fire hydrant on the sidewalk."));
        assertEquals(Set.of("tvmonitor", "tv"), concepts("an old TV monitor"));
    }

    @Test
    void countsEachConceptOncePerCaption() {
        byte[] b = "dog dog dogs puppy".getBytes(StandardCharsets.UTF_8);
        int[] out = new int[LEXICON.size()];
        assertEquals(1, matcher.match(b, 0, b.length, out));
    }

    @Test
    void treatsNonAsciiAsSeparatorsButRejectsInvalidUtf8() {
        assertEquals(Set.of("dog", "beach"), concepts("un chien—dog on the plage/beach, café"));
        byte[] bad = {'a', ' ', 'd', 'o', 'g', ' ', (byte) 0xC3, (byte) 0x28, ' ', 'x'};
        assertEquals(TermMatcher.INVALID_UTF8, matcher.match(bad, 0, bad.length, new int[LEXICON.size()]));
        assertEquals(6, matcher.invalidOffset());
        byte[] overlong = {'x', (byte) 0xC0, (byte) 0xAF};
        assertEquals(TermMatcher.INVALID_UTF8, matcher.match(overlong, 0, overlong.length, new int[LEXICON.size()]));
    }

    @Test
    void ignoresWordsThatOnlyContainAVocabularyWord() {
        assertEquals(Set.of(), concepts("doghouse catalogue scattered"));
    }
}
