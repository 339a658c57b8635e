package io.maskmill.export;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code maskmill.export.*}: what an export writes (documented in src/site/markdown/export.md). */
@ConfigMapping(prefix = "maskmill.export")
public interface ExportConfig {
    /** Formats written when a request names none: {@code voc}, {@code coco}. */
    @WithDefault("voc,coco")
    List<String> formats();

    /** JPEG quality of {@code JPEGImages/*.jpg}, in (0, 1]. */
    @WithDefault("0.92")
    float jpegQuality();

    Report report();

    interface Report {
        /** Write {@code report.html} and {@code contact-sheet.png} beside the dataset. */
        @WithDefault("true")
        boolean enabled();

        /** Samples shown with overlays in the HTML page (the statistics always cover all). */
        @WithDefault("48")
        int samples();

        /** Tiles on the PNG contact sheet. */
        @WithDefault("64")
        int contactSheetTiles();

        /** Longest side of a thumbnail, in pixels. */
        @WithDefault("192")
        int thumbnailSize();
    }

    default ExportSettings settings() {
        return new ExportSettings(formats(), jpegQuality(), report().enabled(), report().samples(),
                report().contactSheetTiles(), report().thumbnailSize());
    }
}
