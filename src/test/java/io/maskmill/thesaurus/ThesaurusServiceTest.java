package io.maskmill.thesaurus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskmill.thesaurus.ThesaurusService.Choice;
import io.maskmill.thesaurus.ThesaurusService.Config;
import io.maskmill.thesaurus.ThesaurusService.Request;
import io.maskmill.thesaurus.ThesaurusService.Selection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ThesaurusServiceTest {
    private static final ThesaurusTable TABLE = ThesaurusTable.loadDefault();
    private static final List<String> VOC = List.of("aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car",
            "cat", "chair", "cow", "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep",
            "sofa", "train", "tvmonitor");

    private static Map<String, List<String>> pool() {
        Map<String, List<String>> pool = new LinkedHashMap<>();
        for (String c : VOC) {
            pool.put(c, List.of(c + "-1", c + "-2", c + "-3"));
        }
        return pool;
    }

    private static Request request(String cls, String prompt, long seed) {
        return new Request(cls + "-1", cls, prompt, pool(), seed);
    }

    @Test
    void ranksClassesBySimilarityToTheSceneWordsOfThePrompt() {
        ThesaurusService service = new ThesaurusService(TABLE, new Config(3, 3, 0.01, 20, false));
        Selection s = service.select(request("dog", "a photo of a dog running on the beach", 1));
        assertNull(s.reason());
        assertEquals(List.of("beach"), s.contexts());
        int beach = TABLE.lexicon().indexOf("beach");
        for (Choice c : s.objects()) {
            int o = TABLE.lexicon().indexOf(c.className());
            assertEquals(TABLE.similarity(o, beach), c.similarity(), 1e-12);
            assertEquals(TABLE.count(beach), c.contextCount());
            assertEquals(TABLE.count(o, beach), c.pairCount());
            assertTrue(c.sampleId().startsWith(c.className() + "-"));
            assertNotEquals("dog", c.className(), "never the sample's own class by default");
        }
        assertEquals("person", s.objects().get(0).className(), "people are what Flickr8k beaches are full of");
        // the top 3 by similarity, best first
        double min = s.objects().get(2).similarity();
        for (String c : VOC) {
            int o = TABLE.lexicon().indexOf(c);
            if (!c.equals("dog") && s.objects().stream().noneMatch(x -> x.className().equals(c))) {
                assertTrue(TABLE.similarity(o, beach) <= min, c);
            }
        }
    }

    @Test
    void fallsBackToTheClassAsContext() {
        ThesaurusService service = new ThesaurusService(TABLE, Config.defaults());
        Selection s = service.select(request("horse", "a photo of a horse", 7));
        assertEquals(List.of("horse"), s.contexts());
        assertEquals(1, s.objects().size());
        assertEquals("horse", s.objects().get(0).context());
    }

    @Test
    void isReproducibleForASeedAndIndependentOfPoolOrder() {
        ThesaurusService service = new ThesaurusService(TABLE, new Config(5, 2, 0.01, 20, false));
        Selection a = service.select(request("dog", "a dog in the snow", 42));
        Selection b = service.select(new Request("dog-1", "dog", "a dog in the snow", new TreeMap<>(pool()), 42));
        assertEquals(a, b);
        Set<Selection> seen = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            seen.add(service.select(request("dog", "a dog in the snow", seed)));
        }
        assertTrue(seen.size() > 1, "different seeds draw differently");
    }

    @Test
    void theSampleItselfAndItsClassAreNeverPickedUnlessAllowed() {
        Map<String, List<String>> onlyOwn = Map.of("dog", List.of("dog-1", "dog-2"));
        ThesaurusService strict = new ThesaurusService(TABLE, new Config(3, 1, 0.0, 0, false));
        Selection none = strict.select(new Request("dog-1", "dog", "a dog in the park", onlyOwn, 1));
        assertTrue(none.isEmpty());
        assertTrue(none.reason().contains("no class"), none.reason());
        ThesaurusService lenient = new ThesaurusService(TABLE, new Config(3, 1, 0.0, 0, true));
        Selection own = lenient.select(new Request("dog-1", "dog", "a dog in the park", onlyOwn, 1));
        assertEquals("dog-2", own.objects().get(0).sampleId());
    }

    @Test
    void explainsAnEmptyResult() {
        ThesaurusService service = new ThesaurusService(TABLE, new Config(3, 1, 0.99, 20, false));
        Selection s = service.select(request("dog", "a dog on the street", 1));
        assertTrue(s.isEmpty());
        assertTrue(s.reason().contains("no pool class reaches similarity 0.99"), s.reason());

        ThesaurusService support = new ThesaurusService(TABLE, new Config(3, 1, 0.0, Long.MAX_VALUE, false));
        Selection t = support.select(request("dog", "a dog on the street", 1));
        assertTrue(t.reason().startsWith("no context"), t.reason());

        Selection u = service.select(new Request("x-1", "unicorn", "a unicorn", pool(), 1));
        assertTrue(u.reason().contains("'unicorn' is not in the thesaurus"), u.reason());
    }
}
