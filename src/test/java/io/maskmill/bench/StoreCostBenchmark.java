package io.maskmill.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.MaskRefined;
import io.maskmill.events.ObjectsPlaced;
import io.maskmill.events.ObjectsSelected;
import io.maskmill.events.SampleCompleted;
import io.maskmill.events.SampleGenerated;
import io.maskmill.events.SampleHeader;
import io.maskmill.ingest.JobPlan;
import io.maskmill.ingest.JobRecords;
import io.maskmill.ledger.ClassIndex;
import io.maskmill.ledger.JobLedger;
import io.maskmill.ledger.Outcome;
import io.maskmill.ledger.SampleGuard;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.LocalArtifactStore;
import io.maskmill.store.StageMarkers;

/**
 * Store calls per sample as a job grows: the bookkeeping every stage does around its compute — the
 * guard (plan, job prefix, ended?, stored output), the class history and the thesaurus pool, the
 * stage's artifacts and marker, and the ledger — run through the real classes for jobs of 100 and
 * 5,000 samples (two classes), the compute itself left out. A listing counts one request per 1,000
 * keys it returns, as S3 pages them. The baseline, in the same run, is what optimize and thesaurus
 * did before the per-class index: list the job's whole {@code samples/} prefix for every sample.
 *
 * Run: {@code ./mvnw -q test-compile exec:java -Dexec.mainClass=io.maskmill.bench.StoreCostBenchmark -Dexec.classpathScope=test}
 */
public final class StoreCostBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CLASSES = List.of("dog", "cat");
    private static final byte[] PAYLOAD = "x".repeat(64).getBytes(StandardCharsets.UTF_8);

    /** Calls by method, listings by the requests S3 would need. */
    static final class Counts {
        final Map<String, Long> calls = new TreeMap<>();
        int keysPerSample;
        int samplesDone;

        long total() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public static void main(String[] args) throws Exception {
        Path base = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        System.out.println("Store requests per sample (two classes; a listing = one request per 1,000 keys):");
        double[] small = run(base, 100), large = run(base, 5_000);
        System.out.printf("  %-52s %10s %10s %8s%n", "", "100", "5,000", "ratio");
        System.out.printf("  %-52s %10.1f %10.1f %8.2f%n", "with the per-class index (now)", small[0], large[0],
                large[0] / small[0]);
        System.out.printf("  %-52s %10.1f %10.1f %8.2f%n", "listing samples/ in optimize and thesaurus (before)",
                small[1], large[1], large[1] / small[1]);
    }

    /** {now, before}: requests per sample for a job of {@code n} samples. */
    private static double[] run(Path base, int n) throws Exception {
        Path dir = Files.createTempDirectory(base, "maskmill-cost");
        LocalArtifactStore local = new LocalArtifactStore(dir, Set.of("maskmill"));
        Counts counts = new Counts();
        ArtifactStore store = counting(local, counts);
        String job = "cost-" + n;
        List<JobPlan.PlannedSample> plan = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            plan.add(new JobPlan.PlannedSample(String.format("s%06d", i), CLASSES.get(i % 2), "a " + CLASSES.get(i % 2), i));
        }
        local.put(ArtifactKeys.jobSpec(job), JSON.writeValueAsBytes(new JobPlan.Spec(job, "bench", CLASSES, List.of(),
                n / 2, 7, Map.of())), "application/json");
        local.put(ArtifactKeys.plan(job), JSON.writeValueAsBytes(plan), "application/json");

        JobRecords records = new JobRecords(store, JSON);
        SampleGuard guard = new SampleGuard(store, JSON, records);
        ClassIndex index = new ClassIndex(store, JSON);
        JobLedger ledger = new JobLedger(store, JSON, records, e -> { }, guard, "/bench");
        StageMarkers markers = new StageMarkers(store, JSON);
        long listingBefore = 0, indexCalls = 0;
        for (JobPlan.PlannedSample p : plan) {
            SampleHeader h = new SampleHeader(job, p.sampleId(), 1, p.className(), CLASSES, p.prompt(), p.seed());
            Map<String, String> in = Map.of("image", store.uri(ArtifactKeys.stage(job, p.sampleId(), "sample", "image.png"))
                    .toString());
            // sample
            guard.admit(h, null, "sample", SampleGenerated.class);
            put(store, job, p, "sample", "image.png", "attention.bin", "self_attention.bin", "meta.json");
            markers.finished(h, "sample", new SampleGenerated(h, in, Map.of()));
            // optimize: guard, its own earlier verdict, the class history, artifacts, marker, index
            guard.admit(h, in, "optimize", MaskRefined.class);
            store.exists(ArtifactKeys.rejected(job, p.sampleId()));
            store.exists(ArtifactKeys.stage(job, p.sampleId(), "optimize", "quality.json"));
            long c = counts.total();
            index.entries(job, h.label());
            indexCalls += counts.total() - c;
            listingBefore += pages(keysUnder(counts, local, job));
            put(store, job, p, "optimize", "mask.png", "confidence.png", "quality.json");
            markers.finished(h, "optimize", new MaskRefined(h, in, Map.of()));
            c = counts.total();
            index.record(h, new ClassIndex.Entry(0.8, 0.4, true));
            indexCalls += counts.total() - c;
            // thesaurus: guard, the pool of kept samples, selection, marker
            guard.admit(h, in, "thesaurus", ObjectsSelected.class);
            records.spec(job);
            c = counts.total();
            index.kept(job, CLASSES);
            indexCalls += counts.total() - c;
            listingBefore += pages(keysUnder(counts, local, job));
            put(store, job, p, "thesaurus", "selection.json");
            markers.finished(h, "thesaurus", new ObjectsSelected(h, in, Map.of()));
            // place: guard, reads its inputs and one chosen object's marker, writes, marker
            guard.admit(h, in, "place", ObjectsPlaced.class);
            store.exists(ArtifactKeys.stageMarker(job, p.sampleId(), "optimize"));
            put(store, job, p, "place", "composite.png", "mask.png", "pasted.png", "objects.json");
            markers.finished(h, "place", new ObjectsPlaced(h, in, Map.of()));
            // harmonize
            guard.admit(h, in, "harmonize", SampleCompleted.class);
            put(store, job, p, "harmonize", "image.png");
            markers.finished(h, "harmonize", new SampleCompleted(h, in, Map.of()));
            // the ledger
            ledger.ended(h, Outcome.COMPLETED, "harmonize", "");
            counts.samplesDone++;
        }
        double now = (double) counts.total() / n;
        return new double[] { now, (double) (counts.total() - indexCalls + listingBefore) / n };
    }

    /**
     * How many keys a listing of the job's {@code samples/} would return now: every sample so far wrote
     * the same files (counted once, on the first sample, then multiplied), so the listing itself need not
     * be run (walking 100,000 files 10,000 times is the cost being measured, not something to pay here).
     */
    private static int keysUnder(Counts counts, ArtifactStore local, String job) {
        if (counts.samplesDone == 0) {
            return local.list(ArtifactKeys.samples(job)).size();
        }
        if (counts.keysPerSample == 0) {
            counts.keysPerSample = local.list(ArtifactKeys.sample(job, "s000000")).size();
        }
        return counts.samplesDone * counts.keysPerSample + 1;
    }

    private static void put(ArtifactStore store, String job, JobPlan.PlannedSample p, String stage, String... names) {
        for (String name : names) {
            store.put(ArtifactKeys.stage(job, p.sampleId(), stage, name), PAYLOAD, "application/octet-stream");
        }
    }

    private static long pages(int keys) {
        return Math.max(1, (keys + 999) / 1000);
    }

    /** The store with every call counted; a listing as the S3 requests it would take. */
    private static ArtifactStore counting(ArtifactStore store, Counts counts) {
        return (ArtifactStore) Proxy.newProxyInstance(ArtifactStore.class.getClassLoader(), new Class<?>[] { ArtifactStore.class },
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        counts.calls.merge(method.getName(), 1L, Long::sum);
                        throw e.getCause();
                    }
                    boolean remote = !Set.of("uri", "keyOf", "allowsBucket", "describe", "toString", "hashCode", "equals")
                            .contains(method.getName());
                    if (remote) {
                        long requests = method.getName().equals("list") ? pages(((List<?>) result).size()) : 1;
                        counts.calls.merge(method.getName(), requests, Long::sum);
                    }
                    return result;
                });
    }
}
