package io.maskmill.harmonize;

import io.maskmill.imaging.CocoDataset;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;

/**
 * iHarmony4-style check on real photos: for each annotated object of at least {@code minPixels}, the
 * object's colour, brightness and contrast are changed by a seeded random transform (the "composite"),
 * each method harmonizes it, and foreground MSE (fMSE, over the object's pixels) and whole-image PSNR
 * against the untouched photo are compared before and after, on 8-bit values.
 *
 * <pre>./mvnw -q compile exec:java -Dexec.mainClass=io.maskmill.harmonize.HarmonizationEvaluation \
 *     [-Dexec.args="../shared/data/coco-mini 2000 42"]</pre>
 */
public final class HarmonizationEvaluation {
    /** Means over all evaluated objects. */
    public record Score(String method, int objects, int passedThrough, double fMseBefore, double fMseAfter,
                        double psnrBefore, double psnrAfter, double improvedShare) {
        public double fMseReduction() {
            return 1 - fMseAfter / fMseBefore;
        }
    }

    /** The seeded perturbation applied to one object: contrast about its mean, per-channel gain, brightness. */
    record Perturbation(double contrast, double[] gain, double brightness) {
        static Perturbation random(Random random) {
            double[] gain = new double[3];
            for (int c = 0; c < 3; c++) {
                gain[c] = 0.75 + 0.5 * random.nextDouble();
            }
            return new Perturbation(0.6 + 0.9 * random.nextDouble(), gain, -0.2 + 0.4 * random.nextDouble());
        }

        /** The composite: the photo with the object re-coloured, stored in 8 bits like a real composite. */
        RgbImage apply(RgbImage photo, LabelMask object) {
            float[] p = photo.pixels();
            byte[] m = object.labels();
            double[] mean = new double[3];
            int n = 0;
            for (int i = 0; i < m.length; i++) {
                if (m[i] != 0) {
                    n++;
                    for (int c = 0; c < 3; c++) {
                        mean[c] += p[3 * i + c];
                    }
                }
            }
            RgbImage out = photo.copy();
            float[] o = out.pixels();
            for (int i = 0; i < m.length; i++) {
                if (m[i] != 0) {
                    for (int c = 0; c < 3; c++) {
                        double mu = mean[c] / n;
                        double v = ((p[3 * i + c] - mu) * contrast + mu) * gain[c] + brightness;
                        o[3 * i + c] = (Images.to8Bit((float) v) & 0xFF) / 255f;
                    }
                }
            }
            return out;
        }
    }

    private HarmonizationEvaluation() {
    }

    /**
     * Evaluates {@code methods} on objects of at least {@code minPixels} pixels (crowd annotations skipped),
     * in the images (sorted by file name) whose index passes {@code images}; the same composites for every method.
     */
    public static List<Score> evaluate(Path cocoDir, List<Harmonizer> methods, int minPixels, long seed,
                                       IntPredicate images) {
        CocoDataset coco = CocoDataset.read(cocoDir.resolve("annotations/instances_train2017.json"));
        Map<String, double[]> sums = new LinkedHashMap<>(); // fMSE before/after, PSNR before/after, improved, passed
        methods.forEach(m -> sums.put(m.id(), new double[6]));
        int objects = 0;
        List<CocoDataset.Image> sorted = coco.images().stream()
                .sorted((a, b) -> a.fileName().compareTo(b.fileName())).toList();
        for (int index = 0; index < sorted.size(); index++) {
            if (!images.test(index)) {
                continue;
            }
            CocoDataset.Image image = sorted.get(index);
            RgbImage photo = read(cocoDir.resolve("train2017").resolve(image.fileName()));
            for (CocoDataset.Annotation a : coco.annotationsOf(image.id())) {
                if (a.crowd()) {
                    continue;
                }
                LabelMask object = coco.mask(a);
                if (object.count(1) < minPixels) {
                    continue;
                }
                objects++;
                RgbImage composite = Perturbation.random(new Random(seed * 1_000_003L + a.id())).apply(photo, object);
                double fBefore = mse(photo, composite, object), pBefore = psnr(mse(photo, composite, null));
                for (Harmonizer method : methods) {
                    HarmonizationResult result = method.harmonize(composite, object);
                    RgbImage stored = quantized(result.image()); // as it will be written
                    double fAfter = mse(photo, stored, object);
                    double[] s = sums.get(method.id());
                    s[0] += fBefore;
                    s[1] += fAfter;
                    s[2] += pBefore;
                    s[3] += psnr(mse(photo, stored, null));
                    s[4] += fAfter < fBefore ? 1 : 0;
                    s[5] += result.applied() ? 0 : 1;
                }
            }
        }
        List<Score> scores = new ArrayList<>();
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            double[] s = e.getValue();
            scores.add(new Score(e.getKey(), objects, (int) s[5], s[0] / objects, s[1] / objects, s[2] / objects,
                    s[3] / objects, s[4] / objects));
        }
        return scores;
    }

    /** Mean squared error on the 0..255 scale over the mask's nonzero pixels (all pixels when mask is null). */
    static double mse(RgbImage a, RgbImage b, LabelMask mask) {
        float[] pa = a.pixels(), pb = b.pixels();
        double sum = 0;
        long n = 0;
        for (int i = 0; i < pa.length / 3; i++) {
            if (mask == null || mask.labels()[i] != 0) {
                for (int c = 0; c < 3; c++) {
                    double d = 255.0 * (pa[3 * i + c] - pb[3 * i + c]);
                    sum += d * d;
                }
                n++;
            }
        }
        return sum / (3.0 * n);
    }

    static RgbImage quantized(RgbImage image) {
        float[] p = image.pixels().clone();
        for (int i = 0; i < p.length; i++) {
            p[i] = (Images.to8Bit(p[i]) & 0xFF) / 255f;
        }
        return new RgbImage(image.width(), image.height(), p);
    }

    static double psnr(double mse) {
        return mse == 0 ? 100 : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    private static RgbImage read(Path file) {
        try {
            return Images.readRgb(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static void main(String[] args) {
        Path coco = Path.of(args.length > 0 ? args[0] : "../shared/data/coco-mini");
        int minPixels = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        boolean tune = args.length > 3 && args[3].equals("tune");
        RainSettings d = RainSettings.defaults();
        List<Harmonizer> methods = new ArrayList<>();
        methods.add(new RainHarmonizer(RainSettings.reinhard()));
        if (tune) {
            for (double s : new double[]{0.2, 0.3, 0.4, 0.5}) {
                for (double mix : new double[]{0, 0.5, 1}) {
                    methods.add(new RainHarmonizer(d.withStrength(s).withBand(d.bandPx(), mix)));
                }
                methods.add(new RainHarmonizer(RainSettings.reinhard().withStrength(s)));
            }
        } else {
            methods.add(new RainHarmonizer(RainSettings.reinhard().withStrength(d.strength())));
            methods.add(new RainHarmonizer(d));
            methods.add(new RainHarmonizer(d.withBlending(0, 0)));
            methods.add(new RainHarmonizer(d.withBlending(d.featherPx(), 0)));
            methods.add(new RainHarmonizer(d.withBand(d.bandPx(), 0.5)));
            methods.add(new RainHarmonizer(d.withBand(d.bandPx(), 1.0)));
            methods.add(new RainHarmonizer(d.withBand(16, 0.0)));
            methods.add(new RainHarmonizer(d.withBand(64, 0.0)));
            methods.add(new RainHarmonizer(d.withMaxGain(Double.POSITIVE_INFINITY)));
            methods.add(new RainHarmonizer(d.withStrength(1.0)));
        }
        // Defaults were chosen on the even-indexed images ("tune"); the report is on the odd ones.
        IntPredicate split = tune ? i -> i % 2 == 0 : i -> i % 2 == 1;
        long start = System.nanoTime();
        List<Score> scores = evaluate(coco, methods, minPixels, seed, split);
        System.out.printf(Locale.ROOT, "%d objects >= %d px in the %s images of %s, seed %d, %.1f s%n%n",
                scores.get(0).objects(), minPixels, tune ? "even (tuning)" : "odd (held-out)", coco, seed,
                (System.nanoTime() - start) / 1e9);
        System.out.println("| method | fMSE before | fMSE after | fMSE cut | PSNR before | PSNR after | objects improved | passed through |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Score s : scores) {
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.0f %% | %.2f dB | %.2f dB | %.0f %% | %d |%n", s.method(),
                    s.fMseBefore(), s.fMseAfter(), 100 * s.fMseReduction(), s.psnrBefore(), s.psnrAfter(),
                    100 * s.improvedShare(), s.passedThrough());
        }
    }
}
