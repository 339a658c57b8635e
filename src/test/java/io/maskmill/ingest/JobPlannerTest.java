package io.maskmill.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.maskmill.events.InvalidInputException;
import io.maskmill.events.Prompt;

class JobPlannerTest {
    private final JobPlanner planner = new JobPlanner(TestLimits.defaults());
    private final List<Prompt> prompts = List.of(new Prompt("dog", "a dog"), new Prompt("cat", "a cat"),
            new Prompt("dog", "a dog on grass"));

    @Test
    void plansClassesTimesImagesCyclingThroughEachClassPrompts() {
        JobPlan plan = planner.plan("j1", "request", null, prompts, 3, 42L, Map.of());
        assertEquals(List.of("dog", "cat"), plan.spec().classes());
        assertEquals(6, plan.samples().size());
        assertEquals(List.of("a dog", "a dog on grass", "a dog", "a cat", "a cat", "a cat"),
                plan.samples().stream().map(JobPlan.PlannedSample::prompt).toList());
        assertEquals("s000000", plan.samples().get(0).sampleId());
        assertEquals("s000005", plan.samples().get(5).sampleId());
    }

    /** Batches are runs of one class in plan order, cut every N; they regroup samples, never change one. */
    @Test
    void batchesAreRunsOfOneClassCutEveryN() {
        JobPlan plan = planner.plan("j1", "request", null, prompts, 5, 42L, Map.of());
        List<List<String>> ids = plan.batches(2).stream()
                .map(b -> b.stream().map(JobPlan.PlannedSample::sampleId).toList()).toList();
        assertEquals(List.of(List.of("s000000", "s000001"), List.of("s000002", "s000003"), List.of("s000004"),
                List.of("s000005", "s000006"), List.of("s000007", "s000008"), List.of("s000009")), ids);
        for (int size : new int[] { 1, 3, 4, 64 }) {
            List<List<JobPlan.PlannedSample>> batches = plan.batches(size);
            assertEquals(plan.samples(), batches.stream().flatMap(List::stream).toList(), "every sample once, in order");
            for (List<JobPlan.PlannedSample> b : batches) {
                assertTrue(b.size() <= size);
                assertEquals(1, b.stream().map(JobPlan.PlannedSample::className).distinct().count(), "one class: " + b);
            }
        }
        assertEquals(2, plan.batches(64).size(), "one batch per class when the size allows");
        assertEquals(10, plan.batches(1).size());
        assertThrows(IllegalArgumentException.class, () -> plan.batches(0));
    }

    @Test
    void seedsAreDeterministicDistinctAndDependOnTheJobSeed() {
        JobPlan a = planner.plan("j1", "request", null, prompts, 20, 7L, null);
        JobPlan b = planner.plan("j1", "request", null, prompts, 20, 7L, null);
        assertEquals(a, b);
        assertEquals(40, new HashSet<>(a.samples().stream().map(JobPlan.PlannedSample::seed).toList()).size());
        assertNotEquals(a.samples().get(0).seed(), planner.plan("j1", "r", null, prompts, 1, 8L, null).samples().get(0).seed());
        // Pinned, so a change to the derivation cannot slip in unnoticed: it would change every dataset.
        assertEquals(JobPlanner.sampleSeed(7L, 0), a.samples().get(0).seed());
        // SplitMix64's published first output for state 0 is 0xE220A8397B1DCDAF.
        assertEquals(0xE220A8397B1DCDAFL, JobPlanner.sampleSeed(0L, 0));
    }

    @Test
    void theRequestedClassOrderIsTheClassMap() {
        JobPlan plan = planner.plan("j1", "request", List.of("cat", "dog"), prompts, 1, 0L, null);
        assertEquals(List.of("cat", "dog"), plan.spec().classes());
        var e = assertThrows(InvalidInputException.class,
                () -> planner.plan("j1", "r", List.of("cat", "dog", "horse"), prompts, 1, 0L, null));
        assertTrue(e.getMessage().contains("class 'horse' has no prompt"));
    }

    @Test
    void limitsOnImagesAndSamples() {
        assertTrue(assertThrows(InvalidInputException.class, () -> planner.plan("j1", "r", null, prompts, 0, 0L, null))
                .getMessage().contains("imagesPerClass must be between 1 and 50"));
        assertTrue(assertThrows(InvalidInputException.class, () -> planner.plan("j1", "r", null, prompts, 51, 0L, null))
                .getMessage().contains("was 51"));
        List<Prompt> many = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            many.add(new Prompt("c" + i, "p"));
        }
        assertTrue(assertThrows(InvalidInputException.class, () -> planner.plan("j1", "r", null, many, 50, 0L, null))
                .getMessage().contains("150 samples; the limit is 100"));
    }
}
