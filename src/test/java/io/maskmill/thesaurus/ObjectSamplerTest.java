package io.maskmill.thesaurus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.maskmill.thesaurus.ObjectSampler.Candidate;
import io.maskmill.thesaurus.ThesaurusService.Config;
import io.maskmill.thesaurus.ThesaurusService.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ObjectSamplerTest {
    private static final List<Candidate> STREET = List.of(new Candidate("person", 0.874, 30000),
            new Candidate("bicycle", 0.073, 900), new Candidate("dog", 0.046, 9000), new Candidate("car", 0.029, 1500));

    @Test
    void temperatureZeroIsTheModeAndEveryTemperatureKeepsIt() {
        assertEquals(List.of(0), ObjectSampler.draw(STREET, 1, 0, new SplittableRandom(1)));
        assertEquals(List.of(0, 1), ObjectSampler.draw(STREET, 2, 0, new SplittableRandom(2)));
        for (double t : new double[] {0.5, 1, 2, 3, 10}) {
            double[] p = ObjectSampler.probabilities(STREET, t);
            for (int i = 1; i < p.length; i++) {
                assertTrue(p[0] > p[i], "T " + t + ": the most likely object stays the mode");
                assertTrue(p[i - 1] >= p[i], "T " + t + ": order kept");
            }
        }
        // T = 1 is P(o|b) renormalised over the candidates
        double[] p1 = ObjectSampler.probabilities(STREET, 1);
        assertEquals(0.874 / (0.874 + 0.073 + 0.046 + 0.029), p1[0], 1e-12);
        // higher T, flatter: the mode's share falls
        assertTrue(ObjectSampler.probabilities(STREET, 3)[0] < ObjectSampler.probabilities(STREET, 2)[0]);
        assertTrue(ObjectSampler.probabilities(STREET, 2)[0] < p1[0]);
    }

    @Test
    void drawsFollowTheProbabilitiesAndAreAFunctionOfTheSeed() {
        double t = 2;
        double[] p = ObjectSampler.probabilities(STREET, t);
        int[] counts = new int[STREET.size()];
        int n = 40_000;
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            counts[ObjectSampler.draw(STREET, 1, t, random).get(0)]++;
        }
        for (int i = 0; i < p.length; i++) {
            double se = Math.sqrt(p[i] * (1 - p[i]) / n);
            assertEquals(p[i], counts[i] / (double) n, 5 * se, "candidate " + i);
        }
        assertEquals(ObjectSampler.draw(STREET, 2, t, new SplittableRandom(99)),
                ObjectSampler.draw(STREET, 2, t, new SplittableRandom(99)));
    }

    @Test
    void tiesAreBrokenByFrequencyNotTheAlphabet() {
        List<Candidate> tied = new ArrayList<>(List.of(new Candidate("airplane", 0, 12), new Candidate("apple", 0, 3),
                new Candidate("zebra", 0, 40), new Candidate("person", 0.2, 5)));
        tied.sort(ObjectSampler.RANKING);
        assertEquals(List.of("person", "zebra", "airplane", "apple"), tied.stream().map(Candidate::name).toList());
    }

    @Test
    void refusesABadTemperature() {
        assertThrows(IllegalArgumentException.class, () -> ObjectSampler.probabilities(STREET, -1));
        assertThrows(IllegalArgumentException.class, () -> new Config(5, 1, 0.02, 20, false, Double.NaN));
    }

    @Test
    void aJobsEditsVaryAtTheDefaultTemperatureAndNotAtZero() {
        ThesaurusTable table = ThesaurusTable.loadDefault();
        Map<String, List<String>> pool = new LinkedHashMap<>();
        for (String c : List.of("aeroplane", "dog", "car", "person")) {
            pool.put(c, List.of(c + "-1", c + "-2"));
        }
        for (double t : new double[] {0, Config.DEFAULT_TEMPERATURE}) {
            ThesaurusService service = new ThesaurusService(table, Config.defaults().withTemperature(t));
            Map<String, Integer> added = new TreeMap<>();
            for (int i = 0; i < 200; i++) {
                var s = service.select(new Request("car-" + i, "car", "a red car parked on a city street", pool, 5));
                added.merge(s.objects().get(0).className(), 1, Integer::sum);
            }
            double h = ObjectSampler.entropyBits(added.values());
            if (t == 0) {
                assertEquals(Map.of("person", 200), added, "deterministic: always the mode");
            } else {
                assertTrue(added.size() >= 2 && h > 0.5, "varied at T " + t + ": " + added + ", " + h + " bits");
                assertEquals("person", added.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey(),
                        "the mode stays the most frequent: " + added);
            }
        }
    }
}
