package io.maskmill.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** The README's first command: a whole job in one JVM, through the same functions, into a directory. */
@QuarkusMainTest
class GenerateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void runsAWholeJobThroughEveryStageIntoADataset(QuarkusMainLauncher launcher) throws IOException {
        Path prompts = Files.writeString(tmp.resolve("prompts.txt"), "dog: a dog on the grass\ncat: a cat on a sofa\n");
        Path out = tmp.resolve("out");
        LaunchResult result = launcher.launch("generate", "--prompts", prompts.toString(), "--out", out.toString(),
                "--images-per-class", "2", "--job-id", "cli-1", "--seed", "3");
        String said = result.getOutput() + result.getErrorOutput();
        assertEquals(0, result.exitCode(), said);
        assertTrue(result.getOutput().contains("Job cli-1: 4 samples planned, 4 completed, 0 rejected, 0 failed."), said);
        assertTrue(result.getOutput().contains("Dataset: "), said);
        Path job = out.resolve("jobs/cli-1");
        // the sample stage ran on the tiny default model: a real image and attention map per sample
        assertTrue(Files.exists(job.resolve("samples/s000003/sample/image.png")));
        assertTrue(Files.exists(job.resolve("samples/s000003/sample/attention.bin")));
        for (String stage : new String[] { "optimize", "thesaurus", "place", "harmonize" }) {
            assertTrue(Files.exists(job.resolve("samples/s000003/" + stage + "/event.json")), stage);
        }
        String pointer = Files.readString(job.resolve("dataset/CURRENT.json"));
        String version = pointer.replaceAll("(?s).*\"version\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        Path dataset = job.resolve("dataset").resolve(version);
        assertEquals(4, Files.list(dataset.resolve("JPEGImages")).count());
        assertEquals(4, Files.list(dataset.resolve("SegmentationClass")).count());
        assertTrue(Files.exists(dataset.resolve("annotations/instances_train.json")));
    }

    /** Running the same job again (as a redelivery would) rewrites every artifact with the same bytes. */
    @Test
    void aRerunOfTheSameJobWritesIdenticalBytes(QuarkusMainLauncher launcher) throws Exception {
        Path prompts = Files.writeString(tmp.resolve("prompts.txt"), "dog: a dog on the grass\ncat: a cat on a sofa\n");
        Path out = tmp.resolve("out");
        String[] args = { "generate", "--prompts", prompts.toString(), "--out", out.toString(), "--job-id", "cli-2",
                "--seed", "9" };
        assertEquals(0, launcher.launch(args).exitCode());
        java.util.Map<String, String> first = digests(out);
        assertEquals(0, launcher.launch(args).exitCode());
        assertEquals(first, digests(out));
        assertTrue(first.size() > 20, "artifacts of every stage and the dataset: " + first.keySet());
    }

    /**
     * Several workers write the bytes one worker writes: the class history optimize judges by, the
     * pool thesaurus picks from, and the dataset do not depend on which sample finished first.
     */
    @Test
    void anyNumberOfWorkersWritesTheBytesOfOne(QuarkusMainLauncher launcher) throws Exception {
        Path prompts = Files.writeString(tmp.resolve("prompts.txt"),
                "dog: a dog on the grass\ncat: a cat on a sofa\ncar: a red car on a street\n");
        java.util.Map<Integer, java.util.Map<String, String>> byWorkers = new java.util.TreeMap<>();
        Path out = tmp.resolve("out"); // the same directory each time: artifact URIs name it
        for (int workers : new int[] { 1, 4 }) {
            if (Files.exists(out)) {
                try (var files = Files.walk(out)) {
                    for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
            LaunchResult run = launcher.launch("generate", "--prompts", prompts.toString(), "--out", out.toString(),
                    "--images-per-class", "4", "--job-id", "par-1", "--seed", "5", "--workers", Integer.toString(workers));
            assertEquals(0, run.exitCode(), run.getOutput() + run.getErrorOutput());
            byWorkers.put(workers, digests(out));
        }
        assertTrue(byWorkers.get(1).keySet().stream().anyMatch(k -> k.contains("thesaurus/selection.json")));
        java.util.Set<String> differ = new java.util.TreeSet<>(byWorkers.get(1).keySet());
        differ.addAll(byWorkers.get(4).keySet());
        differ.removeIf(k -> java.util.Objects.equals(byWorkers.get(1).get(k), byWorkers.get(4).get(k)));
        assertEquals(java.util.Set.of(), differ, "files that differ between 1 and 4 workers");
    }

    /**
     * Planned UNet batches write the bytes of one sample per call: a sample depends on the plan, never
     * on what else was in its batch (every sample and stage artifact, and the dataset, compared).
     */
    @Test
    void anyBatchSizeWritesTheBytesOfOne(QuarkusMainLauncher launcher) throws Exception {
        Path prompts = Files.writeString(tmp.resolve("prompts.txt"),
                "dog: a dog on the grass\ndog: a photo of a dog in a park\ncat: a cat on a sofa\ncar: a red car on a street\n");
        java.util.Map<Integer, java.util.Map<String, String>> bySize = new java.util.TreeMap<>();
        Path out = tmp.resolve("out"); // the same directory each time: artifact URIs name it
        for (int size : new int[] { 1, 4 }) {
            if (Files.exists(out)) {
                try (var files = Files.walk(out)) {
                    for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
            LaunchResult run = launcher.launch("generate", "--prompts", prompts.toString(), "--out", out.toString(),
                    "--images-per-class", "5", "--job-id", "batch-1", "--seed", "3", "--batch-size", Integer.toString(size));
            assertEquals(0, run.exitCode(), run.getOutput() + run.getErrorOutput());
            bySize.put(size, digests(out));
        }
        assertTrue(bySize.get(1).keySet().stream().anyMatch(k -> k.contains("dataset/")), bySize.get(1).keySet().toString());
        java.util.Set<String> differ = new java.util.TreeSet<>(bySize.get(1).keySet());
        differ.addAll(bySize.get(4).keySet());
        differ.removeIf(k -> java.util.Objects.equals(bySize.get(1).get(k), bySize.get(4).get(k)));
        assertEquals(java.util.Set.of(), differ, "files that differ between batches of 1 and of 4");
        assertEquals(2, launcher.launch("generate", "--prompts", prompts.toString(), "--out", out.toString(),
                "--batch-size", "65").exitCode());
    }

    /** SHA-256 of every file but meta.json, which records how long each phase took. */
    private static java.util.Map<String, String> digests(Path dir) throws Exception {
        java.util.Map<String, String> digests = new java.util.TreeMap<>();
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.endsWith("meta.json")).toList()) {
                byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                digests.put(dir.relativize(f).toString(), java.util.HexFormat.of().formatHex(hash));
            }
        }
        return digests;
    }

    @Test
    void badInputExitsWith2AndAClearMessage(QuarkusMainLauncher launcher) throws IOException {
        Path out = tmp.resolve("out");
        LaunchResult missing = launcher.launch("generate", "--prompts", tmp.resolve("nope.txt").toString(), "--out",
                out.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.getErrorOutput().contains("nope.txt does not exist"), missing.getErrorOutput());

        Path bad = Files.writeString(tmp.resolve("bad.txt"), "dog: a dog\na prompt without a class\n");
        LaunchResult invalid = launcher.launch("generate", "--prompts", bad.toString(), "--out", out.toString());
        assertEquals(2, invalid.exitCode());
        assertTrue(invalid.getErrorOutput().contains("bad.txt: line 2: no class given"), invalid.getErrorOutput());
        assertTrue(Files.notExists(out.resolve("jobs")) || Files.list(out.resolve("jobs")).findAny().isEmpty(),
                "nothing half-started");
    }
}
