package io.maskmill.export;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.embedded.EmbeddedBroker;
import io.maskmill.events.InvalidInputException;
import io.maskmill.ingest.JobConflictException;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.LocalRootOverride;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Augment mode in this JVM: imports an existing VOC or COCO dataset into a new job in the local store
 * under {@code --out}, runs the editing stages over it through the embedded broker, then exports.
 */
@Dependent
@Command(name = "augment", mixinStandardHelpOptions = true,
        versionProvider = io.maskmill.embedded.MaskmillVersion.class,
        description = "Add objects to an existing VOC or COCO dataset (thesaurus, place, harmonize), then export.")
public class AugmentCommand implements Callable<Integer> {
    static final class Input {
        @Option(names = "--coco", required = true, description = "COCO dataset folder (annotations/instances_*.json + images).")
        Path coco;

        @Option(names = "--voc", required = true, description = "VOC folder (JPEGImages, SegmentationClass, ImageSets).")
        Path voc;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--out", required = true, description = "Output directory (the local artifact store).")
    Path out;

    @Option(names = "--job-id", description = "Job id (default: generated).")
    String jobId;

    @Option(names = "--limit", defaultValue = "0", description = "Import at most this many images (0: all).")
    int limit;

    @Option(names = "--formats", split = ",", description = "Export formats (default: maskmill.export.formats).")
    List<String> formats;

    @Option(names = "--copy-to", description = "Also copy the published dataset into this directory.")
    Path copyTo;

    @Option(names = "--verbose", description = "Show the stages' log lines.")
    boolean verbose;

    @Option(names = "--timeout", defaultValue = "PT24H", description = "Give up after this long (ISO-8601).")
    Duration timeout;

    private final LocalRootOverride storeRoot;
    private final EmbeddedBroker broker;
    private final ArtifactStore store;
    private final ObjectMapper json;
    private final Instance<ExportService> exports;

    public AugmentCommand(LocalRootOverride storeRoot, EmbeddedBroker broker, ArtifactStore store, ObjectMapper json,
            Instance<ExportService> exports) {
        this.storeRoot = storeRoot;
        this.broker = broker;
        this.store = store;
        this.json = json;
        this.exports = exports;
    }

    @Override
    public Integer call() throws InterruptedException {
        storeRoot.set(out);
        AugmentService.Started started;
        try {
            AugmentService.Format format = input.coco != null ? AugmentService.Format.COCO : AugmentService.Format.VOC;
            DatasetFiles dataset = DatasetFiles.directory(input.coco != null ? input.coco : input.voc);
            started = new AugmentService(store, broker, json, "/maskmill/augment").start(jobId, format, dataset, limit);
        } catch (InvalidInputException | JobConflictException e) {
            System.err.println("maskmill: " + e.getMessage());
            return ExportCommand.BAD_INPUT;
        }
        System.out.printf("Job %s: %d images imported, %d skipped.%n", started.jobId(), started.samples(),
                started.problems().size());
        started.problems().forEach(p -> System.err.println("  not imported " + p));
        if (!broker.awaitIdle(timeout)) {
            System.err.println("maskmill: job " + started.jobId() + " did not finish within " + timeout);
            return ExportCommand.SOME_SKIPPED;
        }
        ExportService service = exports.get();
        ExportService.Result result = service.export(started.jobId(), formats);
        int code = ExportCommand.report(service, result, started.jobId(), copyTo);
        return started.problems().isEmpty() && result.failed() == 0 ? code : ExportCommand.SOME_SKIPPED;
    }
}
