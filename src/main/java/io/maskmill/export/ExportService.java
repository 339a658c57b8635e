package io.maskmill.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.maskmill.events.DatasetExported;
import io.maskmill.events.InvalidInputException;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.store.ArtifactStore;

/**
 * Writes a job's finished samples as a dataset (Pascal VOC, COCO instances, a provenance manifest
 * and a visual report) under a new version prefix, then publishes it by writing the job's
 * {@code dataset/CURRENT.json} last (see {@link DatasetLayout}). Samples with bad artifacts are left
 * out and listed; the rest are exported. The version name is a digest of the job's markers and the
 * settings, so exporting the same state again rewrites the same bytes.
 */
public final class ExportService {
    private static final Logger LOG = Logger.getLogger(ExportService.class);

    /**
     * What an export published.
     *
     * @param reportNanos time spent on the report (thumbnails, statistics, HTML, contact sheet), for benchmarks
     */
    public record Result(String jobId, String version, String prefix, URI uri, int images, int annotations,
            int rejected, int failed, List<ExportProblem> problems, URI report, long reportNanos) {
        public DatasetExported event() {
            return new DatasetExported(jobId, uri.toString(), images,
                    problems.stream().map(ExportProblem::toString).toList(), report == null ? null : report.toString());
        }
    }

    private final ArtifactStore store;
    private final ObjectMapper json;
    private final ExportSettings settings;

    public ExportService(ArtifactStore store, ObjectMapper json, ExportSettings settings) {
        this.store = store;
        this.json = json;
        this.settings = settings;
    }

    /** Exports {@code jobId} in {@code formats} (null or empty: the configured ones). */
    public Result export(String jobId, List<String> formats) {
        ExportSettings run = settings.withFormats(formats);
        JobContents job = new JobReader(store, json).read(jobId);
        String version = "v-" + digest(job.fingerprint() + run).substring(0, 16);
        String prefix = DatasetLayout.version(jobId, version);
        List<String> classes = job.classes();
        List<ExportProblem> problems = new ArrayList<>(job.problems());
        SampleLoader loader = new SampleLoader(store, json);
        CocoWriter coco = new CocoWriter(classes);
        ReportBuilder report = new ReportBuilder(jobId, classes, run);
        StringBuilder manifest = new StringBuilder();
        StringBuilder trainList = new StringBuilder();
        long reportNanos = 0;
        for (JobContents.Completed completed : job.completed()) {
            ExportSample sample;
            try {
                sample = loader.load(completed, classes);
            } catch (SampleLoader.BadSampleException e) {
                problems.add(new ExportProblem(completed.sampleId(), e.file(), e.getMessage()));
                continue;
            }
            String id = sample.sampleId();
            put(prefix + DatasetLayout.JPEG_DIR + id + ".jpg", Images.writeJpeg(sample.image(), run.jpegQuality()), "image/jpeg");
            if (run.writes("voc")) {
                put(prefix + DatasetLayout.CLASS_DIR + id + ".png", LabelMasks.writeVocPng(sample.semantic()), "image/png");
                put(prefix + DatasetLayout.OBJECT_DIR + id + ".png", LabelMasks.writeVocPng(sample.instances().indexMap()),
                        "image/png");
                trainList.append(id).append('\n');
            }
            int cocoId = coco.add(id + ".jpg", sample.image().width(), sample.image().height(),
                    sample.instances().instances());
            manifest.append(manifestLine(sample, cocoId, run)).append('\n');
            if (run.report()) {
                long t = System.nanoTime();
                report.add(sample);
                reportNanos += System.nanoTime() - t;
            }
        }
        int images = coco.images();
        if (run.writes("voc")) {
            put(prefix + DatasetLayout.TRAIN_LIST, utf8(trainList.toString()), "text/plain");
        }
        if (run.writes("coco")) {
            put(prefix + DatasetLayout.COCO, coco.finish("Maskmill job " + jobId + " " + version), "application/json");
        }
        put(prefix + DatasetLayout.LABELS, utf8("background\n" + String.join("\n", classes) + "\n"), "text/plain");
        put(prefix + DatasetLayout.MANIFEST, utf8(manifest.toString()), "application/x-ndjson");
        URI reportUri = null;
        if (run.report()) {
            long t = System.nanoTime();
            put(prefix + DatasetLayout.CONTACT_SHEET, report.contactSheet(), "image/png");
            reportUri = put(prefix + DatasetLayout.REPORT, utf8(report.html(job, problems, version)), "text/html");
            reportNanos += System.nanoTime() - t;
        }
        URI folder = store.uri(prefix + DatasetLayout.MANIFEST).resolve(".");
        Result result = new Result(jobId, version, prefix, folder, images, coco.annotations(), job.rejected().size(),
                job.failed().size(), List.copyOf(problems), reportUri, reportNanos);
        put(prefix + DatasetLayout.EXPORT_REPORT, toJson(summary(result, run)), "application/json");
        // Publishing: the pointer goes last, so a reader following it finds every file above.
        put(DatasetLayout.pointer(jobId), toJson(summary(result, run)), "application/json");
        LOG.infof("Exported job %s: %d images, %d skipped, version %s", jobId, images, problems.size(), version);
        return result;
    }

    /** The published dataset's pointer ({@code CURRENT.json}), if the job has one. */
    public Optional<JsonNode> current(String jobId) {
        String key = DatasetLayout.pointer(jobId);
        if (!store.exists(key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readTree(store.get(key)));
        } catch (IOException e) {
            throw new InvalidInputException(key + ": unreadable dataset pointer (" + e.getMessage() + ")", e);
        }
    }

    /** Copies the published dataset of {@code jobId} into {@code dir} (plain files); returns the file count. */
    public int copyCurrent(String jobId, Path dir) {
        JsonNode pointer = current(jobId)
                .orElseThrow(() -> new InvalidInputException("job " + jobId + " has no published dataset"));
        String prefix = pointer.path("prefix").asText();
        List<String> keys = store.list(prefix);
        try {
            for (String key : keys) {
                Path target = dir.resolve(key.substring(prefix.length())).normalize();
                if (!target.startsWith(dir.normalize())) {
                    throw new InvalidInputException("dataset file " + key + " would land outside " + dir);
                }
                Files.createDirectories(target.getParent());
                Files.write(target, store.get(key));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the dataset into " + dir, e);
        }
        return keys.size();
    }

    private ObjectNode manifestLine(ExportSample sample, int cocoId, ExportSettings run) {
        ObjectNode line = json.createObjectNode();
        String id = sample.sampleId();
        line.put("image", DatasetLayout.JPEG_DIR + id + ".jpg");
        if (run.writes("voc")) {
            line.put("classMask", DatasetLayout.CLASS_DIR + id + ".png");
            line.put("objectMask", DatasetLayout.OBJECT_DIR + id + ".png");
        }
        if (run.writes("coco")) {
            line.put("cocoImageId", cocoId);
        }
        line.put("width", sample.image().width());
        line.put("height", sample.image().height());
        line.setAll(sample.provenance());
        ArrayNode instances = line.putArray("instances");
        for (Instance i : sample.instances().instances()) {
            ObjectNode o = instances.addObject();
            o.put("index", i.index());
            o.put("categoryId", i.label());
            o.put("area", i.area());
            o.put("pasted", i.pasted());
        }
        return line;
    }

    private ObjectNode summary(Result result, ExportSettings run) {
        ObjectNode s = json.createObjectNode();
        s.put("jobId", result.jobId());
        s.put("version", result.version());
        s.put("prefix", result.prefix());
        s.put("uri", result.uri().toString());
        s.put("images", result.images());
        s.put("annotations", result.annotations());
        s.put("rejected", result.rejected());
        s.put("failed", result.failed());
        s.set("formats", json.valueToTree(run.formats()));
        s.set("problems", json.valueToTree(result.problems()));
        s.put("report", run.report() ? DatasetLayout.REPORT : null);
        return s;
    }

    private URI put(String key, byte[] bytes, String contentType) {
        return store.put(key, bytes, contentType);
    }

    private byte[] toJson(Object value) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the export summary", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String digest(String s) {
        try {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(utf8(s)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
