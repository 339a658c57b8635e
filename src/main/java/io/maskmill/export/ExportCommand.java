package io.maskmill.export;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;

import io.maskmill.events.InvalidInputException;
import io.maskmill.store.LocalRootOverride;
import io.maskmill.store.NoSuchArtifactException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Exports a job's dataset from the configured store (or a local store directory given with
 * {@code --out}), publishes it there, and optionally copies it into a plain directory.
 */
@Dependent
@Command(name = "export", mixinStandardHelpOptions = true,
        versionProvider = io.maskmill.embedded.MaskmillVersion.class,
        description = "Write a job's dataset (VOC, COCO, manifest, report) and publish it in the store.")
public class ExportCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int SOME_SKIPPED = 1;
    static final int BAD_INPUT = 2;

    @Option(names = "--job-id", description = "The job id (required).")
    String jobId;

    @Option(names = "--out", description = "The local store directory the job was generated into (generate's --out;"
            + " default: maskmill.store.* configuration).")
    Path storeDir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Earlier names, still accepted. */
    @Option(names = "--job", hidden = true)
    void legacyJob(String id) {
        this.jobId = id;
    }

    @Option(names = "--store", hidden = true)
    void legacyStore(Path dir) {
        this.storeDir = dir;
    }

    @Option(names = "--formats", split = ",", description = "voc, coco (default: maskmill.export.formats).")
    List<String> formats;

    @Option(names = "--copy-to", description = "Also copy the published dataset into this directory.")
    Path copyTo;

    private final LocalRootOverride storeRoot;
    private final Instance<ExportService> exports;

    public ExportCommand(LocalRootOverride storeRoot, Instance<ExportService> exports) {
        this.storeRoot = storeRoot;
        this.exports = exports;
    }

    @Override
    public Integer call() {
        if (jobId == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--job-id=<jobId>'");
        }
        if (storeDir != null) {
            storeRoot.set(storeDir);
        }
        ExportService service = exports.get();
        try {
            ExportService.Result result = service.export(jobId, formats);
            return report(service, result, jobId, copyTo);
        } catch (InvalidInputException | NoSuchArtifactException e) {
            System.err.println("maskmill: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    /** Prints what was published (and copies it); shared with the augment command. */
    /** Prints what an export published; the exit code says whether any sample was skipped. */
    public static int report(ExportService service, ExportService.Result result, String jobId, Path copyTo) {
        System.out.printf("Dataset of job %s: %d images, %d annotations, %d skipped, %d rejected, %d failed.%n",
                jobId, result.images(), result.annotations(), result.problems().size(), result.rejected(),
                result.failed());
        System.out.println("Published: " + result.uri() + " (pointer " + DatasetLayout.pointer(jobId) + ")");
        if (result.report() != null) {
            System.out.println("Report: " + result.report());
        }
        result.problems().forEach(p -> System.err.println("  skipped " + p));
        if (copyTo != null) {
            int files = service.copyCurrent(jobId, copyTo);
            System.out.println("Copied " + files + " files to " + copyTo.toAbsolutePath());
        }
        return result.problems().isEmpty() ? OK : SOME_SKIPPED;
    }
}
