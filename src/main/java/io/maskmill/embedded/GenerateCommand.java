package io.maskmill.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.JsonNode;

import io.maskmill.events.InvalidInputException;
import io.maskmill.events.JobPlanned;
import io.maskmill.events.JobRequested;
import io.maskmill.export.ExportCommand;
import io.maskmill.export.ExportService;
import io.maskmill.ingest.IngestService;
import io.maskmill.ingest.JobStatus;
import io.maskmill.ingest.JobStatusService;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.LocalRootOverride;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a whole job in this JVM: the same functions receive the same events as in the cluster,
 * through the embedded broker, with the local directory store under {@code --out}.
 */
@Dependent
@Command(name = "generate", mixinStandardHelpOptions = true,
        versionProvider = MaskmillVersion.class,
        description = "Generate a dataset from a prompt list, in this JVM, into a local directory.")
public class GenerateCommand implements Callable<Integer> {
    /** Exit codes: 0 done, 1 some samples failed, 2 bad input. */
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    @Option(names = "--prompts", required = true, description = "Prompt list: text (class: prompt per line), JSON or JSONL.")
    Path prompts;

    @Option(names = "--out", required = true, description = "Output directory (the local artifact store).")
    Path out;

    @Option(names = "--images-per-class", description = "Images per class (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    int imagesPerClass;

    @Option(names = "--models", description = "Model folder for the sample stage.")
    Path models;

    @Option(names = "--seed", description = "Job seed (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--classes", split = ",", description = "Class map order, comma-separated (default: order of appearance).")
    List<String> classes;

    @Option(names = "--job-id", description = "Job id (default: generated). The same id and input resume a job.")
    String jobId;

    @Option(names = "--workers", description = "Samples worked on at once (default: maskmill.embedded.workers, else the number of cores).")
    Integer workers;

    @Option(names = "--batch-size", description = "Samples of one class per UNet call (default: maskmill.sample.batch-size, else 1). Same bytes at any size.")
    Integer batchSize;

    @Option(names = "--verbose", description = "Show the stages' log lines.")
    boolean verbose;

    @Option(names = "--timeout", description = "Give up after this long (ISO-8601, default: ${DEFAULT-VALUE}).", defaultValue = "PT24H")
    Duration timeout;

    private final IngestService ingest;
    private final EmbeddedBroker broker;
    private final JobStatusService status;
    private final ArtifactStore store;

    private final LocalRootOverride storeRoot;
    private final Instance<ExportService> exports;

    private final io.maskmill.sample.BatchSize batches;

    public GenerateCommand(IngestService ingest, EmbeddedBroker broker, JobStatusService status, ArtifactStore store,
            LocalRootOverride storeRoot, Instance<ExportService> exports, io.maskmill.sample.BatchSize batches) {
        this.batches = batches;
        this.storeRoot = storeRoot;
        this.exports = exports;
        this.ingest = ingest;
        this.broker = broker;
        this.status = status;
        this.store = store;
    }

    @Override
    public Integer call() throws InterruptedException {
        storeRoot.set(out);
        if (batchSize != null) {
            try {
                batches.set(batchSize);
            } catch (IllegalArgumentException e) {
                return fail("--batch-size " + batchSize + ": " + e.getMessage().replace("maskmill.sample.batch-size ", ""));
            }
        }
        if (workers != null) {
            if (workers < 1) {
                return fail("--workers must be at least 1, got " + workers);
            }
            broker.workers().setWorkers(workers);
        }
        byte[] content;
        try {
            content = Files.readAllBytes(prompts);
        } catch (NoSuchFileException e) {
            return fail("prompt list " + prompts + " does not exist");
        } catch (IOException e) {
            return fail("cannot read prompt list " + prompts + ": " + e.getMessage());
        }
        if (models != null) {
            try {
                io.maskmill.sample.ModelFolderCheck.check(models);
            } catch (io.maskmill.runtime.ModelFileException e) {
                return fail("--models: " + e.getMessage());
            }
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (models != null) {
            options.put("models", models.toAbsolutePath().toString());
        }
        JobRequested settings = new JobRequested(jobId, null, null, classes, imagesPerClass, seed, options);
        JobPlanned planned;
        boolean idle;
        Map<String, Integer> rejections;
        try (ProgressDisplay progress = new ProgressDisplay(System.err)) {
            broker.addListener(progress);
            try {
                planned = ingest.submitPromptFile(content, prompts.toString(), settings);
                progress.start(planned);
                idle = broker.awaitIdle(timeout);
            } catch (InvalidInputException e) {
                return fail(e.getMessage());
            } finally {
                broker.removeListener(progress);
            }
            rejections = progress.rejections();
        }
        if (!idle) {
            return fail("job " + planned.jobId() + " did not finish within " + timeout);
        }
        JobStatus job = status.status(planned.jobId());
        int code = report(job);
        if (job.completed() == 0 && !rejections.isEmpty()) {
            // nothing to export: say why every sample was turned away
            System.err.println("No sample passed, so there is no dataset. Why the samples were rejected:");
            rejections.forEach((reason, n) -> System.err.printf("  %d sample%s rejected by %s%n", n, n == 1 ? "" : "s",
                    reason));
        }
        return job.completed() > 0 ? Math.max(code, dataset(job.jobId())) : code;
    }

    /** The job exports itself once every sample has ended; when some failed, export what completed. */
    private int dataset(String jobId) {
        ExportService service = exports.get();
        Optional<JsonNode> current = service.current(jobId);
        if (current.isPresent()) {
            System.out.printf("Dataset: %s (%d images)%n", current.get().path("uri").asText(),
                    current.get().path("images").asInt());
            System.out.println("Report: " + current.get().path("uri").asText() + current.get().path("report").asText());
            return OK;
        }
        return ExportCommand.report(service, service.export(jobId, null), jobId, null) == OK ? OK : FAILED;
    }

    private int report(JobStatus job) {
        System.out.printf("Job %s: %d samples planned, %d completed, %d rejected, %d failed.%n", job.jobId(),
                job.planned(), job.completed(), job.rejected(), job.failed());
        System.out.println("Artifacts: " + store.uri(ArtifactKeys.job(job.jobId()) + "job.json").resolve("."));
        if (job.failed() == 0) {
            return OK;
        }
        job.failures().forEach((reason, n) -> System.err.printf("  %d sample%s failed: %s%n", n, n == 1 ? "" : "s", reason));
        return FAILED;
    }

    private static int fail(String message) {
        System.err.println("maskmill: " + message);
        return BAD_INPUT;
    }
}
