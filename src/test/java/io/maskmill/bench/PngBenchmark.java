package io.maskmill.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.maskmill.imaging.CocoDataset;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.imaging.RgbImage;

/**
 * PNG output: size and time of {@link io.maskmill.imaging.PngEncoder} (through {@code Images.writePng}
 * and {@code LabelMasks.writeVocPng}) against ImageIO's default PNG writer (what Maskmill used before)
 * and against PIL's default (zlib level 6 with adaptive filters), on the COCO photos of
 * {@code ../shared/data/coco-mini} and their semantic masks, all in one run.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.mainClass=io.maskmill.bench.PngBenchmark</pre>
 */
public final class PngBenchmark {
    private static final int ROUNDS = 7;

    public static void main(String[] args) throws Exception {
        Path coco = Path.of(args.length > 0 ? args[0] : "../shared/data/coco-mini");
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        List<RgbImage> photos = new ArrayList<>();
        List<LabelMask> masks = new ArrayList<>();
        load(coco, limit, photos, masks);
        long pixels = photos.stream().mapToLong(p -> (long) p.width() * p.height()).sum();
        System.out.printf("%d COCO photos and their semantic masks, %.2f Mpixel in all; load %s%n", photos.size(),
                pixels / 1e6, loadAverage());

        Map<String, Function<Object, byte[]>> cases = new java.util.LinkedHashMap<>();
        cases.put("RGB, ImageIO default (before)", o -> imageIo(Images.toBufferedImage((RgbImage) o)));
        cases.put("RGB, PngEncoder (now)", o -> Images.writePng((RgbImage) o));
        cases.put("mask, ImageIO palette (before)", o -> imageIo(palette((LabelMask) o)));
        cases.put("mask, PngEncoder palette (now)", o -> LabelMasks.writeVocPng((LabelMask) o));
        Map<String, long[]> nanos = new HashMap<>();
        Map<String, Long> bytes = new HashMap<>();
        for (int r = -2; r < ROUNDS; r++) { // two warm-up rounds, cases interleaved in every round
            for (Map.Entry<String, Function<Object, byte[]>> c : cases.entrySet()) {
                List<?> inputs = c.getKey().startsWith("RGB") ? photos : masks;
                long size = 0, start = System.nanoTime();
                for (Object in : inputs) {
                    size += c.getValue().apply(in).length;
                }
                long took = System.nanoTime() - start;
                if (r >= 0) {
                    nanos.computeIfAbsent(c.getKey(), k -> new long[ROUNDS])[r] = took;
                    bytes.put(c.getKey(), size);
                }
            }
        }
        double[] pil = pil(photos, masks);

        System.out.println();
        System.out.println("| encoder | total bytes | vs PIL (zlib 6, filters) | ns per pixel (median of " + ROUNDS + ") | time vs ImageIO RGB |");
        System.out.println("|---|---:|---:|---:|---:|");
        double imageIoRgb = median(nanos.get("RGB, ImageIO default (before)")) / pixels;
        for (String c : cases.keySet()) {
            double ns = median(nanos.get(c)) / pixels;
            double pilBytes = c.startsWith("RGB") ? pil[0] : pil[2];
            System.out.printf("| %s | %,d | %.3f | %.1f | %.2f |%n", c, bytes.get(c), bytes.get(c) / pilBytes, ns,
                    ns / imageIoRgb);
        }
        if (pil[0] > 0) {
            System.out.printf("| RGB, PIL 'PNG' default (python3, same pixels) | %,d | 1.000 | %.1f | %.2f |%n",
                    (long) pil[0], pil[1] * 1e9 / pixels, pil[1] * 1e9 / pixels / imageIoRgb);
            System.out.printf("| mask, PIL 'P' default (python3, same labels) | %,d | 1.000 | %.1f | %.2f |%n",
                    (long) pil[2], pil[3] * 1e9 / pixels, pil[3] * 1e9 / pixels / imageIoRgb);
        }
        System.out.println("load after: " + loadAverage());
    }

    private static void load(Path coco, int limit, List<RgbImage> photos, List<LabelMask> masks) {
        CocoDataset data = CocoDataset.read(coco.resolve("annotations/instances_train2017.json"));
        Map<Integer, Integer> label = new HashMap<>();
        data.categories().stream().sorted(Comparator.comparingInt(CocoDataset.Category::id))
                .forEach(c -> label.put(c.id(), label.size() + 1));
        for (CocoDataset.Image meta : data.images()) {
            Path file = coco.resolve("train2017").resolve(meta.fileName());
            if (!Files.exists(file) || photos.size() >= limit) {
                continue;
            }
            try {
                photos.add(Images.readRgb(Files.readAllBytes(file), file.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LabelMask mask = new LabelMask(meta.width(), meta.height());
            data.annotations().stream().filter(a -> a.imageId() == meta.id())
                    .sorted(Comparator.comparingDouble(CocoDataset.Annotation::area).reversed())
                    .forEach(a -> {
                        byte value = (byte) (a.crowd() ? 255 : label.get(a.categoryId()));
                        byte[] object = a.segmentation().toMask(meta.width(), meta.height()).labels();
                        for (int i = 0; i < object.length; i++) {
                            if (object[i] != 0) {
                                mask.labels()[i] = value;
                            }
                        }
                    });
            masks.add(mask);
        }
    }

    /** Exactly the writer Maskmill used before: ImageIO's PNG writer with its default parameters. */
    private static byte[] imageIo(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight());
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), writer.getDefaultWriteParam());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static BufferedImage palette(LabelMask mask) {
        BufferedImage image = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_BYTE_INDEXED,
                LabelMasks.vocPalette());
        image.getRaster().setDataElements(0, 0, mask.width(), mask.height(), mask.labels());
        return image;
    }

    /**
     * {total RGB bytes, RGB seconds, total mask bytes, mask seconds} of PIL's default PNG writer on the
     * same pixels (median of the rounds, timed inside Python), or zeros without python3 + PIL.
     */
    private static double[] pil(List<RgbImage> photos, List<LabelMask> masks) throws Exception {
        Path dir = Files.createTempDirectory("png-bench");
        try {
            for (int i = 0; i < photos.size(); i++) {
                Files.write(dir.resolve("rgb-" + i + ".png"), Images.writePng(photos.get(i)));
                Files.write(dir.resolve("mask-" + i + ".png"), LabelMasks.writeVocPng(masks.get(i)));
            }
            String script = String.join("\n",
                    "import sys, io, glob, time, statistics",
                    "from PIL import Image",
                    "d, rounds = sys.argv[1], int(sys.argv[2])",
                    "for kind in ('rgb', 'mask'):",
                    "    ims = [Image.open(f) for f in sorted(glob.glob(d + '/' + kind + '-*.png'))]",
                    "    for im in ims: im.load()",
                    "    times, size = [], 0",
                    "    for r in range(rounds + 2):",
                    "        t, size = time.perf_counter(), 0",
                    "        for im in ims:",
                    "            b = io.BytesIO(); im.save(b, 'PNG'); size += b.tell()",
                    "        if r >= 2: times.append(time.perf_counter() - t)",
                    "    print(kind, size, statistics.median(times))");
            String out = "";
            boolean ran = false;
            for (String python : List.of("python3", "/usr/bin/python3")) { // the one on PATH, then Debian's
                Process p = new ProcessBuilder(python, "-c", script, dir.toString(), Integer.toString(ROUNDS))
                        .redirectErrorStream(true).start();
                out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() == 0) {
                    ran = true;
                    break;
                }
            }
            if (!ran) {
                System.out.println("PIL baseline not run (python3 with PIL needed; Debian: python3-pil): " + out.trim());
                return new double[4];
            }
            double[] r = new double[4];
            for (String line : out.trim().split("\n")) {
                String[] f = line.trim().split(" ");
                int at = f[0].equals("rgb") ? 0 : 2;
                r[at] = Double.parseDouble(f[1]);
                r[at + 1] = Double.parseDouble(f[2]);
            }
            return r;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    static String loadAverage() {
        try {
            return "load average " + Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "load average unknown";
        }
    }
}
