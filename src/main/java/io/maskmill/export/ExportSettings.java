package io.maskmill.export;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.maskmill.events.InvalidInputException;

/** How an export runs; {@link #defaults()} equals the configuration defaults of {@link ExportConfig}. */
public record ExportSettings(List<String> formats, float jpegQuality, boolean report, int reportSamples,
        int contactSheetTiles, int thumbnailSize) {
    public static final Set<String> KNOWN_FORMATS = Set.of("voc", "coco");

    public ExportSettings {
        formats = normalise(formats);
        if (!(jpegQuality > 0f && jpegQuality <= 1f)) {
            throw new InvalidInputException("maskmill.export.jpeg-quality must be in (0, 1], got " + jpegQuality);
        }
        if (reportSamples < 0 || contactSheetTiles < 0 || thumbnailSize < 16) {
            throw new InvalidInputException("report sizes must be >= 0 (thumbnail >= 16), got samples=" + reportSamples
                    + " tiles=" + contactSheetTiles + " thumbnail=" + thumbnailSize);
        }
    }

    public static ExportSettings defaults() {
        return new ExportSettings(List.of("voc", "coco"), 0.92f, true, 48, 64, 192);
    }

    /** The same settings writing {@code formats} instead (null or empty keeps these). */
    public ExportSettings withFormats(List<String> requested) {
        return requested == null || requested.isEmpty() ? this
                : new ExportSettings(requested, jpegQuality, report, reportSamples, contactSheetTiles, thumbnailSize);
    }

    public boolean writes(String format) {
        return formats.contains(format);
    }

    /** Lower-cased, de-duplicated, checked: an unknown format is refused before anything is written. */
    static List<String> normalise(List<String> formats) {
        if (formats == null || formats.isEmpty()) {
            throw new InvalidInputException("no export formats given (known: voc, coco)");
        }
        List<String> out = formats.stream().map(f -> f.trim().toLowerCase(Locale.ROOT)).distinct().sorted().toList();
        for (String f : out) {
            if (!KNOWN_FORMATS.contains(f)) {
                throw new InvalidInputException("unknown export format '" + f + "' (known: coco, voc)");
            }
        }
        return out;
    }
}
