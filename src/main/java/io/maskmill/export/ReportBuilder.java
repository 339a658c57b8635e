package io.maskmill.export;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMasks;

/**
 * The export's visual report: one self-contained HTML page (styles inline, charts as inline SVG,
 * thumbnails as data URIs, no script, nothing fetched) and a PNG contact sheet. Statistics cover
 * every exported sample; thumbnails only the first few (configurable).
 */
final class ReportBuilder {
    private static final IndexColorModel PALETTE = LabelMasks.vocPalette();
    private static final int QUALITY_BINS = 10;
    private static final int DISTINCT_SETTINGS = 8;

    private final String jobId;
    private final List<String> classes;
    private final ExportSettings settings;
    private final int[] imagesPerClass;
    private final int[] sceneInstances;
    private final int[] pastedInstances;
    private final int[] qualityBins = new int[QUALITY_BINS];
    private final TreeMap<Integer, Integer> editsPerImage = new TreeMap<>();
    /** Harmonize params of edited images: name → value → images. */
    private final Map<String, Map<String, Integer>> harmonization = new TreeMap<>();
    private final List<String> galleryHtml = new ArrayList<>();
    private final List<BufferedImage> sheetTiles = new ArrayList<>();
    private int images;
    private int withoutQuality;
    private double qualitySum;
    private long pastedArea;
    private long pastedImageArea;

    ReportBuilder(String jobId, List<String> classes, ExportSettings settings) {
        this.jobId = jobId;
        this.classes = classes;
        this.settings = settings;
        imagesPerClass = new int[classes.size() + 1];
        sceneInstances = new int[classes.size() + 1];
        pastedInstances = new int[classes.size() + 1];
    }

    void add(ExportSample sample) {
        images++;
        imagesPerClass[classes.indexOf(sample.className()) + 1]++;
        List<Instance> instances = sample.instances().instances();
        for (Instance i : instances) {
            (i.pasted() ? pastedInstances : sceneInstances)[i.label()]++;
            if (i.pasted()) {
                pastedArea += i.area();
            }
        }
        if (!sample.edits().isEmpty()) {
            pastedImageArea += (long) sample.image().width() * sample.image().height();
        }
        editsPerImage.merge(sample.edits().size(), 1, Integer::sum);
        if (Double.isNaN(sample.quality())) {
            withoutQuality++;
        } else {
            qualitySum += sample.quality();
            qualityBins[Math.max(0, Math.min(QUALITY_BINS - 1, (int) (sample.quality() * QUALITY_BINS)))]++;
        }
        if (!sample.edits().isEmpty()) {
            sample.provenance().path("harmonization").fields().forEachRemaining(e -> harmonization
                    .computeIfAbsent(e.getKey(), k -> new TreeMap<>()).merge(text(e.getValue()), 1, Integer::sum));
        }
        boolean inGallery = galleryHtml.size() < settings.reportSamples();
        boolean onSheet = sheetTiles.size() < settings.contactSheetTiles();
        if (inGallery || onSheet) {
            BufferedImage thumb = Overlay.thumbnail(sample.image(), sample.semantic(), instances, settings.thumbnailSize());
            if (onSheet) {
                sheetTiles.add(thumb);
            }
            if (inGallery) {
                galleryHtml.add(figure(sample, thumb));
            }
        }
    }

    byte[] contactSheet() {
        return Images.writePng(Overlay.sheet(sheetTiles, settings.thumbnailSize()));
    }

    String html(JobContents job, List<ExportProblem> problems, String version) {
        StringBuilder h = new StringBuilder(64 * 1024 + galleryHtml.size() * 16 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Maskmill dataset ").append(esc(jobId)).append("</title><style>")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:24px;background:#fafafa;color:#222}")
                .append("h1{margin:0 0 8px}h2{margin-top:28px;border-bottom:1px solid #ccc}")
                .append(".kpi{display:flex;gap:12px;flex-wrap:wrap}.kpi div{background:#fff;border:1px solid #ddd;")
                .append("border-radius:6px;padding:10px 16px}.kpi b{display:block;font-size:24px}")
                .append("table{border-collapse:collapse;background:#fff}td,th{border:1px solid #ddd;padding:4px 8px;")
                .append("text-align:left}td.n{text-align:right}.sw{display:inline-block;width:12px;height:12px;")
                .append("vertical-align:middle;margin-right:6px;border:1px solid #888}")
                .append(".gallery{display:flex;flex-wrap:wrap;gap:10px}figure{margin:0;background:#fff;")
                .append("border:1px solid #ddd;padding:6px}figcaption{font-size:12px;max-width:")
                .append(settings.thumbnailSize()).append("px}.bad{color:#a00}</style></head><body>\n");
        h.append("<h1>Dataset of job ").append(esc(jobId)).append("</h1><p>Version ").append(esc(version))
                .append(" &middot; ").append(classes.size()).append(" classes</p>\n<div class=\"kpi\">")
                .append(kpi("exported images", images)).append(kpi("skipped (bad input)", problems.size()))
                .append(kpi("rejected", job.rejected().size())).append(kpi("failed", job.failed().size()))
                .append(kpi("instances", sum(sceneInstances) + sum(pastedInstances)))
                .append(kpi("pasted objects", sum(pastedInstances))).append("</div>\n");
        classTable(h);
        h.append("<h2>Quality scores</h2>");
        if (images - withoutQuality > 0) {
            h.append(String.format(Locale.ROOT, "<p>Mean %.3f over %d samples", qualitySum / (images - withoutQuality),
                    images - withoutQuality)).append(withoutQuality > 0 ? "; " + withoutQuality + " without a score" : "")
                    .append(".</p>");
            String[] labels = new String[QUALITY_BINS];
            for (int b = 0; b < QUALITY_BINS; b++) {
                labels[b] = String.format(Locale.ROOT, "%.1f", b / (double) QUALITY_BINS);
            }
            h.append(Charts.bars(qualityBins, labels, "#3b7dd8", "samples per quality bin"));
        } else {
            h.append("<p>No exported sample carries a quality score.</p>");
        }
        editStatistics(h);
        h.append("<h2>Samples</h2><p>Mask overlay in the VOC palette; solid boxes are the scene's objects, dashed")
                .append(" boxes pasted ones. First ").append(galleryHtml.size()).append(" of ").append(images)
                .append(".</p><div class=\"gallery\">\n");
        galleryHtml.forEach(h::append);
        h.append("</div>\n");
        rejectedTable(h, job);
        problemTable(h, problems);
        h.append("</body></html>\n");
        return h.toString();
    }

    private void classTable(StringBuilder h) {
        h.append("<h2>Per class</h2><table><tr><th>label</th><th>class</th><th>images</th>")
                .append("<th>scene instances</th><th>pasted instances</th></tr>\n");
        int[] total = new int[classes.size()];
        String[] names = classes.toArray(String[]::new);
        for (int i = 0; i < classes.size(); i++) {
            int label = i + 1;
            total[i] = sceneInstances[label] + pastedInstances[label];
            h.append("<tr><td class=\"n\">").append(label).append("</td><td><span class=\"sw\" style=\"background:")
                    .append(colour(label)).append("\"></span>").append(esc(classes.get(i))).append("</td><td class=\"n\">")
                    .append(imagesPerClass[label]).append("</td><td class=\"n\">").append(sceneInstances[label])
                    .append("</td><td class=\"n\">").append(pastedInstances[label]).append("</td></tr>\n");
        }
        h.append("</table>\n").append(Charts.bars(total, names, "#5a9e4b", "instances per class"));
    }

    private void editStatistics(StringBuilder h) {
        int edited = images - editsPerImage.getOrDefault(0, 0);
        h.append("<h2>Edits</h2><p>").append(edited).append(" of ").append(images)
                .append(" images edited; ").append(sum(pastedInstances)).append(" pasted objects visible");
        if (pastedImageArea > 0) {
            h.append(String.format(Locale.ROOT, ", covering %.1f%% of the edited images' pixels",
                    100.0 * pastedArea / pastedImageArea));
        }
        h.append(".</p>");
        int max = editsPerImage.isEmpty() ? 0 : Math.max(3, editsPerImage.lastKey());
        int[] counts = new int[max + 1];
        String[] labels = new String[max + 1];
        for (int k = 0; k <= max; k++) {
            counts[k] = editsPerImage.getOrDefault(k, 0);
            labels[k] = Integer.toString(k);
        }
        h.append(Charts.bars(counts, labels, "#c77c2e", "images by number of pasted objects"));
        if (!harmonization.isEmpty()) {
            h.append("<table><tr><th>harmonization setting</th><th>edited images</th></tr>\n");
            harmonization.forEach((name, values) -> {
                if (values.size() > DISTINCT_SETTINGS) {
                    // per-image details (free text) would make one row per image
                    h.append("<tr><td>").append(esc(name)).append(": ").append(values.size())
                            .append(" distinct values</td><td class=\"n\">")
                            .append(values.values().stream().mapToInt(Integer::intValue).sum()).append("</td></tr>\n");
                } else {
                    values.forEach((value, n) -> h.append("<tr><td>").append(esc(name + " = " + value))
                            .append("</td><td class=\"n\">").append(n).append("</td></tr>\n"));
                }
            });
            h.append("</table>\n");
        }
    }

    private static void rejectedTable(StringBuilder h, JobContents job) {
        h.append("<h2>Rejected samples</h2>");
        if (job.rejected().isEmpty() && job.failed().isEmpty()) {
            h.append("<p>None.</p>");
            return;
        }
        h.append("<table><tr><th>sample</th><th>stage</th><th>reason</th></tr>\n");
        job.rejected().forEach(r -> h.append("<tr><td>").append(esc(r.sampleId())).append("</td><td>")
                .append(esc(r.stage())).append("</td><td>").append(esc(r.reason())).append("</td></tr>\n"));
        job.failed().forEach(f -> h.append("<tr class=\"bad\"><td>").append(esc(f.sampleId())).append("</td><td>")
                .append(esc(f.function())).append(" (failed)</td><td>").append(esc(f.error())).append("</td></tr>\n"));
        h.append("</table>\n");
    }

    private static void problemTable(StringBuilder h, List<ExportProblem> problems) {
        h.append("<h2>Skipped for bad input</h2>");
        if (problems.isEmpty()) {
            h.append("<p>None.</p>");
            return;
        }
        h.append("<table><tr><th>sample</th><th>file</th><th>problem</th></tr>\n");
        problems.forEach(p -> h.append("<tr class=\"bad\"><td>").append(esc(p.sampleId())).append("</td><td>")
                .append(esc(p.file())).append("</td><td>").append(esc(p.reason())).append("</td></tr>\n"));
        h.append("</table>\n");
    }

    private String figure(ExportSample sample, BufferedImage thumb) {
        String data = Base64.getEncoder().encodeToString(Images.writeJpeg(thumb, 0.85f));
        String quality = Double.isNaN(sample.quality()) ? "–" : String.format(Locale.ROOT, "%.2f", sample.quality());
        return "<figure><img alt=\"" + esc(sample.sampleId()) + "\" width=\"" + thumb.getWidth() + "\" height=\""
                + thumb.getHeight() + "\" src=\"data:image/jpeg;base64," + data + "\"><figcaption>"
                + esc(sample.sampleId()) + " &middot; " + esc(sample.className()) + " &middot; q " + quality
                + (sample.edits().isEmpty() ? "" : " &middot; +" + sample.edits().size() + " pasted")
                + "</figcaption></figure>\n";
    }

    private static String kpi(String what, int n) {
        return "<div><b>" + n + "</b>" + esc(what) + "</div>";
    }

    private static String colour(int label) {
        return String.format("#%02x%02x%02x", PALETTE.getRed(label), PALETTE.getGreen(label), PALETTE.getBlue(label));
    }

    private static int sum(int[] values) {
        return Arrays.stream(values).sum();
    }

    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }

    static String esc(String s) {
        return escapeHtml4(s == null ? "" : s);
    }
}
