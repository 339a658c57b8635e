package io.maskmill.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.export.ExportService;
import io.maskmill.export.ExportSettings;
import io.maskmill.export.SyntheticJob;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.LocalArtifactStore;

/**
 * Export throughput on N synthetic finished 512×512 samples (default 1,000: a disc of the sample's
 * class, a pasted object on every other sample) in a local store on disk, single thread:
 * <ul>
 * <li>baseline: read each sample's image and mask from the store, decode, encode the JPEG and the palette
 *     PNG — the codec work alone, no dataset writing;</li>
 * <li>export without report: VOC + COCO + manifest, written to the store and published;</li>
 * <li>export with report: the same plus report.html and contact-sheet.png; the report's own time is measured
 *     inside the export ({@code Result.reportNanos}), since the difference of two disk-bound runs is noise.</li>
 * </ul>
 * Each is run twice, interleaved; the best of the two counts.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.mainClass=io.maskmill.bench.ExportBenchmark [-Dexec.args="1000"]</pre>
 */
public final class ExportBenchmark {
    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path dir = Files.createTempDirectory("maskmill-export-bench");
        LocalArtifactStore store = new LocalArtifactStore(dir, Set.of("maskmill"));
        ObjectMapper json = new ObjectMapper();
        long t0 = System.nanoTime();
        SyntheticJob job = new SyntheticJob(store, "bench");
        for (int i = 0; i < samples; i++) {
            job.add(i, 512, 512);
        }
        System.out.printf(Locale.ROOT, "generated %d samples of 512x512 in %.1f s (store %s)%n", samples,
                seconds(t0), dir);
        ExportSettings withReport = ExportSettings.defaults();
        ExportSettings noReport = new ExportSettings(List.of("voc", "coco"), withReport.jpegQuality(), false,
                0, 0, withReport.thumbnailSize());
        double baseline = Double.MAX_VALUE, plain = Double.MAX_VALUE, reported = Double.MAX_VALUE;
        double reportOnly = Double.MAX_VALUE;
        for (int round = 0; round < 2; round++) {
            baseline = Math.min(baseline, baseline(store, json, samples, withReport.jpegQuality()));
            long t = System.nanoTime();
            new ExportService(store, json, noReport).export("bench", null);
            plain = Math.min(plain, seconds(t));
            t = System.nanoTime();
            ExportService.Result r = new ExportService(store, json, withReport).export("bench", null);
            reported = Math.min(reported, seconds(t));
            reportOnly = Math.min(reportOnly, r.reportNanos() / 1e9);
            if (r.images() != samples) {
                throw new IllegalStateException("exported " + r.images() + " of " + samples);
            }
        }
        System.out.printf(Locale.ROOT, "%-34s %8.2f s  %7.1f images/s  ratio %.2f%n", "baseline (decode+encode only)",
                baseline, samples / baseline, 1.0);
        System.out.printf(Locale.ROOT, "%-34s %8.2f s  %7.1f images/s  ratio %.2f%n", "export VOC+COCO+manifest",
                plain, samples / plain, plain / baseline);
        System.out.printf(Locale.ROOT, "%-34s %8.2f s  %7.1f images/s  ratio %.2f%n", "export + report + contact sheet",
                reported, samples / reported, reported / baseline);
        System.out.printf(Locale.ROOT, "report generation (timed inside)   %8.2f s  for %d samples (%.1f ms/sample)%n",
                reportOnly, samples, 1000 * reportOnly / samples);
    }

    /** The codec work an export cannot avoid: image and mask read and decoded, JPEG and palette PNG encoded. */
    private static double baseline(LocalArtifactStore store, ObjectMapper json, int samples, float quality)
            throws Exception {
        long t = System.nanoTime();
        long bytes = 0;
        for (int i = 0; i < samples; i++) {
            String id = String.format("s%06d", i);
            JsonNode marker = json.readTree(store.get(ArtifactKeys.stageMarker("bench", id, "harmonize")));
            var image = Images.readRgb(store.get(URI.create(marker.path("artifacts").path("image").asText())));
            var mask = LabelMasks.readIndexedPng(store.get(URI.create(marker.path("artifacts").path("mask").asText())), "m");
            bytes += Images.writeJpeg(image, quality).length + LabelMasks.writeVocPng(mask).length;
        }
        if (bytes == 0) {
            throw new IllegalStateException("nothing encoded");
        }
        return seconds(t);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
