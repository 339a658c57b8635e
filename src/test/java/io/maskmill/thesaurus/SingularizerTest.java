package io.maskmill.thesaurus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SingularizerTest {
    private final Singularizer singularizer = Singularizer.standard();

    @ParameterizedTest
    @CsvSource({"men,man", "women,woman", "people,person", "children,child", "buses,bus", "mice,mouse",
        "sheep,sheep", "geese,goose", "knives,knife", "leaves,leaf", "skis,ski", "dogs,dog", "puppies,puppy",
        "benches,bench", "boxes,box", "dishes,dish", "glasses,glass", "bus,bus", "tennis,tennis", "grass,grass",
        "ties,tie", "cookies,cookie", "shoes,shoe", "gloves,glove", "cows,cow", "is,is", "scissors,scissors",
        "woods,woods", "skies,sky", "potatoes,potato"})
    void singularises(String plural, String singular) {
        assertEquals(singular, singularizer.singular(plural));
    }

    @Test
    void surfaceFormsAreExactlyTheSpellingsThatSingulariseBack() {
        assertTrue(singularizer.surfaceForms("man").contains("men"));
        assertTrue(singularizer.surfaceForms("bus").contains("buses"));
        assertTrue(singularizer.surfaceForms("knife").contains("knives"));
        assertTrue(singularizer.surfaceForms("puppy").contains("puppies"));
        assertTrue(singularizer.surfaceForms("bench").contains("benches"));
        for (String word : new String[] {"man", "bus", "knife", "puppy", "bench", "dog", "sheep", "glass", "ski"}) {
            for (String form : singularizer.surfaceForms(word)) {
                assertEquals(word, singularizer.singular(form), form);
            }
        }
    }
}
