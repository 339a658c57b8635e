package io.maskmill.imaging;

import java.util.Locale;

/**
 * The evaluation split by COCO image id: parameters are chosen on even ids ({@link #TUNE}) only, tables
 * report odd ids ({@link #REPORT}, which no parameter saw) and {@link #ALL}. By id, so the split does not
 * depend on the order a file lists its images in. (Same convention as the optimize/harmonize evaluations.)
 */
public enum ImageIdSplit {
    TUNE("tune (even ids)"), REPORT("report (odd ids)"), ALL("all");

    private final String label;

    ImageIdSplit(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean contains(long imageId) {
        return switch (this) {
            case TUNE -> imageId % 2 == 0;
            case REPORT -> imageId % 2 != 0;
            case ALL -> true;
        };
    }

    /** {@code tune}/{@code even}, {@code report}/{@code odd}, {@code all}. */
    public static ImageIdSplit parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "tune", "even" -> TUNE;
            case "report", "odd" -> REPORT;
            case "all" -> ALL;
            default -> throw new IllegalArgumentException("split '" + name
                    + "' is not one of tune (even image ids), report (odd image ids), all");
        };
    }
}
