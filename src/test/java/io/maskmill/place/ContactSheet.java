package io.maskmill.place;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.imaging.Box;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.LabelMasks;

/**
 * A contact sheet of the objects a job pasted (a tool for the docs, not a test): for each pasted object in
 * sample order, the final (harmonized) image cropped around the object's box, the box in green, and a caption
 * "class ×k" with k the enlargement of the cut-out (pasted box height over the source object's box height).
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.maskmill.place.ContactSheet \
 *     -Dexec.args="OUT_DIR/jobs/JOB sheet.png [tiles]"
 * </pre>
 */
public final class ContactSheet {
    static final int TILE_W = 160;
    static final int TILE_H = 120;

    static final int COLUMNS = 4;

    public static void main(String[] args) throws IOException {
        Path job = Path.of(args[0]);
        int max = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        ObjectMapper json = new ObjectMapper();
        List<BufferedImage> tiles = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        int pasted = 0;
        double maxUpscale = 0;
        List<Path> samples;
        try (Stream<Path> s = Files.list(job.resolve("samples"))) {
            samples = s.sorted().toList();
        }
        for (Path sample : samples) {
            Path objects = sample.resolve("place/objects.json");
            Path finalImage = sample.resolve("harmonize/image.png");
            if (!Files.exists(objects) || !Files.exists(finalImage)) {
                continue;
            }
            BufferedImage image = Images.decode(Files.readAllBytes(finalImage), finalImage.toString());
            for (JsonNode o : json.readTree(objects.toFile()).path("objects")) {
                pasted++;
                JsonNode b = o.path("box");
                int x = b.get(0).asInt(), y = b.get(1).asInt(), w = b.get(2).asInt(), h = b.get(3).asInt();
                double upscale = upscale(job, o.path("sourceSample").asText(), o.path("label").asInt(), w, h);
                maxUpscale = Math.max(maxUpscale, upscale);
                if (tiles.size() >= max) {
                    continue;
                }
                tiles.add(tile(image, x, y, w, h));
                captions.add(String.format(Locale.ROOT, "%s %s x%.2f", sample.getFileName(), o.path("className").asText(),
                        upscale));
            }
        }
        int rows = Math.max(1, (tiles.size() + COLUMNS - 1) / COLUMNS);
        BufferedImage sheet = new BufferedImage(COLUMNS * TILE_W, rows * (TILE_H + 16), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < tiles.size(); i++) {
            int tx = (i % COLUMNS) * TILE_W, ty = (i / COLUMNS) * (TILE_H + 16);
            g.drawImage(tiles.get(i), tx, ty, null);
            g.setColor(Color.BLACK);
            g.drawString(captions.get(i), tx + 3, ty + TILE_H + 12);
        }
        g.dispose();
        Files.write(Path.of(args[1]), Images.writePng(indexed(sheet)));
        System.out.printf(Locale.ROOT, "%s: %d pasted objects, %d shown; largest enlargement x%.2f%n", args[1], pasted,
                tiles.size(), maxUpscale);
    }

    /**
     * The sheet with a 256-colour palette (the most frequent colours at 5 bits a channel, each pixel mapped
     * to the nearest), so the PNG stays small enough for the docs.
     */
    static BufferedImage indexed(BufferedImage rgb) {
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                counts.merge(rgb.getRGB(x, y) & 0xF8F8F8, 1, Integer::sum);
            }
        }
        int[] palette = counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(256)
                .mapToInt(e -> e.getKey() | 0x040404).toArray();
        byte[] r = new byte[palette.length], g = new byte[palette.length], b = new byte[palette.length];
        for (int i = 0; i < palette.length; i++) {
            r[i] = (byte) (palette[i] >> 16);
            g[i] = (byte) (palette[i] >> 8);
            b[i] = (byte) palette[i];
        }
        java.awt.image.IndexColorModel model = new java.awt.image.IndexColorModel(8, palette.length, r, g, b);
        BufferedImage out = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_INDEXED, model);
        java.awt.image.WritableRaster raster = out.getRaster();
        java.util.Map<Integer, Integer> nearest = new java.util.HashMap<>();
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                int c = rgb.getRGB(x, y) & 0xFFFFFF;
                raster.setSample(x, y, 0, nearest.computeIfAbsent(c, k -> {
                    int best = 0, bestD = Integer.MAX_VALUE;
                    for (int i = 0; i < palette.length; i++) {
                        int dr = (k >> 16 & 0xFF) - (palette[i] >> 16 & 0xFF), dg = (k >> 8 & 0xFF) - (palette[i] >> 8 & 0xFF),
                                db = (k & 0xFF) - (palette[i] & 0xFF);
                        int d = dr * dr + dg * dg + db * db;
                        if (d < bestD) {
                            bestD = d;
                            best = i;
                        }
                    }
                    return best;
                }));
            }
        }
        return out;
    }

    /** The image around the box (the box plus half its size on each side, at least the tile's aspect), box drawn. */
    static BufferedImage tile(BufferedImage image, int x, int y, int w, int h) {
        int cx = x + w / 2, cy = y + h / 2;
        int half = (int) Math.max(w, h * (double) TILE_W / TILE_H);
        int cw = Math.min(image.getWidth(), Math.max(half * 2, 60));
        int ch = Math.min(image.getHeight(), (int) Math.round(cw * (double) TILE_H / TILE_W));
        int x0 = Math.max(0, Math.min(image.getWidth() - cw, cx - cw / 2));
        int y0 = Math.max(0, Math.min(image.getHeight() - ch, cy - ch / 2));
        BufferedImage out = new BufferedImage(TILE_W, TILE_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, TILE_W, TILE_H, x0, y0, x0 + cw, y0 + ch, null);
        double sx = (double) TILE_W / cw, sy = (double) TILE_H / ch;
        g.setColor(Color.GREEN);
        g.setStroke(new BasicStroke(1.5f));
        g.drawRect((int) ((x - x0) * sx), (int) ((y - y0) * sy), (int) (w * sx), (int) (h * sy));
        g.dispose();
        return out;
    }

    /** Pasted box height over the source object's box height (its object.png if any, else its class mask). */
    static double upscale(Path job, String source, int label, int w, int h) throws IOException {
        Path dir = job.resolve("samples").resolve(source).resolve("optimize");
        Path mask = Files.exists(dir.resolve("object.png")) ? dir.resolve("object.png") : dir.resolve("mask.png");
        LabelMask m = LabelMasks.readIndexedPng(Files.readAllBytes(mask), mask.toString());
        Box box = m.box(label);
        return box == null ? Double.NaN : Math.max((double) h / box.height(), (double) w / box.width());
    }
}
