package io.maskmill.export;

import java.util.Locale;

/** Bar charts as inline SVG: no script, no fonts to fetch, readable in any browser. */
final class Charts {
    private Charts() {
    }

    static String bars(int[] counts, String[] labels, String colour, String title) {
        int max = 1;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        int bar = Math.max(14, Math.min(48, 720 / Math.max(1, counts.length)));
        int height = 160, top = 36, bottom = 56, left = 36;
        int width = Math.max(380, left + counts.length * bar + 12);
        StringBuilder s = new StringBuilder(512 + counts.length * 256);
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\">",
                width, top + height + bottom));
        s.append("<title>").append(ReportBuilder.esc(title)).append("</title>");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\">%s (max %d)</text>", left,
                ReportBuilder.esc(title), max));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", left,
                top + height, width - 6, top + height));
        for (int i = 0; i < counts.length; i++) {
            int h = (int) Math.round((double) counts[i] * height / max);
            int x = left + i * bar;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
                    + "<title>%s: %d</title></rect>", x + 1, top + height - h, bar - 2, h, colour,
                    ReportBuilder.esc(labels[i]), counts[i]));
            if (counts[i] > 0) {
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%d</text>",
                        x + bar / 2, top + height - h - 3, counts[i]));
            }
            s.append(String.format(Locale.ROOT, "<text font-size=\"10\" transform=\"translate(%d,%d) rotate(45)\">%s</text>",
                    x + bar / 2 - 3, top + height + 12, ReportBuilder.esc(labels[i])));
        }
        return s.append("</svg>\n").toString();
    }
}
