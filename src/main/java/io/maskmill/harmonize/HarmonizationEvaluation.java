package io.maskmill.harmonize;

import io.maskmill.imaging.CocoDataset;
import io.maskmill.imaging.EvaluationSplit;
import io.maskmill.imaging.Parallel;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * iHarmony4-style check on real photos: for each annotated object of at least {@code min-pixels}, the
 * object's colour, brightness and contrast are changed by a seeded random transform at several strengths
 * (0 = the untouched photo; the "composite"), each method harmonizes it, and foreground MSE (fMSE, over the
 * object's pixels, 0..255) and foreground PSNR (from the fMSE, per object, averaged) against the untouched
 * photo are compared before and after, on 8-bit values. Parameters are chosen on the tune split (even image
 * ids) only; the report split (odd ids) is what to read.
 *
 * <pre>./mvnw -q compile exec:java -Dexec.mainClass=io.maskmill.harmonize.HarmonizationEvaluation \
 *     -Dexec.args="--images DIR --annotations FILE [--min-pixels 2000] [--seed 42] [--strengths 0,0.25,0.5,1,1.5] [--table main|tune]"</pre>
 */
public final class HarmonizationEvaluation {
    /** Means over the split's objects for one method at one perturbation strength. */
    public record Score(String method, double perturbation, EvaluationSplit split, int objects, int passedThrough,
                        double fMseBefore, double fMseAfter, double fPsnrBefore, double fPsnrAfter, double improvedShare) {
        public double fMseReduction() {
            return fMseBefore == 0 ? (fMseAfter == 0 ? 0 : Double.NEGATIVE_INFINITY) : 1 - fMseAfter / fMseBefore;
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

        /**
         * The same perturbation at {@code s} times its strength: contrast and gains raised to the power s (so ×1.5
         * and ×⅔ are equally strong), brightness times s; 0 is no change at all.
         */
        Perturbation scaled(double s) {
            double[] g = new double[3];
            for (int c = 0; c < 3; c++) {
                g[c] = Math.pow(gain[c], s);
            }
            return new Perturbation(Math.pow(contrast, s), g, brightness * s);
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

    public static final double[] STRENGTHS = {0, 0.25, 0.5, 1, 1.5};

    /**
     * Evaluates {@code methods} at every perturbation strength on the objects of at least {@code minPixels} pixels
     * (crowd annotations skipped) in {@code split}'s images; the same composites for every method. Scores come per
     * method, per strength, for the tune and report parts of the split and for all of it.
     */
    public static List<Score> evaluate(EvaluationSplit.CocoSet set, EvaluationSplit split, List<Harmonizer> methods,
                                       int minPixels, long seed, double[] strengths) {
        return evaluate(set, split, methods, minPixels, seed, strengths, Integer.MAX_VALUE);
    }

    /** The same on the split's first {@code maxImages} images. */
    public static List<Score> evaluate(EvaluationSplit.CocoSet set, EvaluationSplit split, List<Harmonizer> methods,
                                       int minPixels, long seed, double[] strengths, int maxImages) {
        CocoDataset coco = set.read();
        int parts = 2; // tune, report
        // [method][strength][part][fMSE before, after, fPSNR before, after, improved, passed through, objects]
        double[][][][] sums = new double[methods.size()][strengths.length][parts][7];
        List<CocoDataset.Image> images = split.images(coco).stream().limit(maxImages).toList();
        // images in parallel (each its own sums, added up after), so a run takes minutes on a few cores
        List<double[][][][]> perImage = Parallel.map(images, image -> {
            double[][][][] own = new double[methods.size()][strengths.length][parts][7];
            int part = EvaluationSplit.TUNE.contains(image.id()) ? 0 : 1;
            RgbImage photo = null;
            for (CocoDataset.Annotation a : coco.annotationsOf(image.id())) {
                if (a.crowd()) {
                    continue;
                }
                LabelMask object = coco.mask(a);
                if (object.count(1) < minPixels) {
                    continue;
                }
                if (photo == null) photo = set.readImage(image);
                Perturbation perturbation = Perturbation.random(new Random(seed * 1_000_003L + a.id()));
                for (int k = 0; k < strengths.length; k++) {
                    RgbImage composite = perturbation.scaled(strengths[k]).apply(photo, object);
                    double fBefore = mse(photo, composite, object);
                    for (int m = 0; m < methods.size(); m++) {
                        HarmonizationResult result = methods.get(m).harmonize(composite, object);
                        double fAfter = mse(photo, quantized(result.image()), object); // as it will be written
                        double[] s = own[m][k][part];
                        s[0] += fBefore;
                        s[1] += fAfter;
                        s[2] += psnr(fBefore);
                        s[3] += psnr(fAfter);
                        s[4] += fAfter < fBefore ? 1 : 0;
                        s[5] += result.applied() ? 0 : 1;
                        s[6]++;
                    }
                }
            }
            return own;
        });
        for (double[][][][] own : perImage) {
            for (int m = 0; m < methods.size(); m++)
                for (int k = 0; k < strengths.length; k++)
                    for (int q = 0; q < parts; q++)
                        for (int i = 0; i < 7; i++) sums[m][k][q][i] += own[m][k][q][i];
        }
        List<Score> scores = new ArrayList<>();
        for (int m = 0; m < methods.size(); m++) {
            for (int k = 0; k < strengths.length; k++) {
                double[] tune = sums[m][k][0], report = sums[m][k][1], all = new double[7];
                for (int i = 0; i < 7; i++) all[i] = tune[i] + report[i];
                scores.add(score(methods.get(m).id(), strengths[k], EvaluationSplit.TUNE, tune));
                scores.add(score(methods.get(m).id(), strengths[k], EvaluationSplit.REPORT, report));
                scores.add(score(methods.get(m).id(), strengths[k], EvaluationSplit.ALL, all));
            }
        }
        return scores;
    }

    private static Score score(String method, double strength, EvaluationSplit split, double[] s) {
        double n = Math.max(1, s[6]);
        return new Score(method, strength, split, (int) s[6], (int) s[5], s[0] / n, s[1] / n, s[2] / n, s[3] / n, s[4] / n);
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


    /** Reinhard's transfer at a few strengths, to find its own best one on the tune split. */
    static final double[] REINHARD_STRENGTHS = {0.025, 0.05, 0.1, 0.2};

    public static void main(String[] argv) {
        Map<String, String> known = new LinkedHashMap<>();
        known.put("min-pixels", "2000");
        known.put("seed", "42");
        known.put("strengths", "0,0.25,0.5,1,1.5");
        known.put("table", "main");
        known.put("reinhard-strength", "0.05"); // Reinhard's own best strength on the tune split (harmonize.md)
        EvaluationSplit.Args args = EvaluationSplit.Args.parse(HarmonizationEvaluation.class.getName(), argv, known);
        double[] strengths = java.util.Arrays.stream(args.get("strengths").split(",")).mapToDouble(Double::parseDouble).toArray();
        RainSettings rain = RainSettings.defaults();
        BoundarySettings d = BoundarySettings.defaults();
        List<Harmonizer> methods = new ArrayList<>();
        EvaluationSplit split = EvaluationSplit.ALL;
        switch (args.get("table")) {
            case "tune" -> {
                split = EvaluationSplit.TUNE; // parameters are chosen on the tune split only
                for (double s : REINHARD_STRENGTHS) {
                    methods.add(new RainHarmonizer(RainSettings.reinhard().withStrength(s)));
                }
                methods.add(new RainHarmonizer(rain));
                for (double kernel : new double[]{6, 8, 10}) {
                    for (double s : new double[]{0.8, 0.9}) {
                        for (double[] ramp : new double[][]{{0.3, 2}, {0.3, 3}, {0.5, 3}}) {
                            methods.add(new BoundaryHarmonizer(new BoundarySettings(s, kernel, ramp[0], ramp[1],
                                    Double.POSITIVE_INFINITY)));
                        }
                    }
                }
                for (double cap : new double[]{25, 38, 50, 64}) { // second step: the bound on the shift, at the chosen settings
                    methods.add(new BoundaryHarmonizer(d.withMaxShift(cap)));
                }
            }
            case "main" -> {
                methods.add(new RainHarmonizer(RainSettings.reinhard()));
                methods.add(new RainHarmonizer(RainSettings.reinhard().withStrength(args.number("reinhard-strength"))));
                methods.add(new RainHarmonizer(RainSettings.fixedStrength()));
                methods.add(new RainHarmonizer(rain));
                methods.add(new BoundaryHarmonizer(d));
                methods.add(new BoundaryHarmonizer(d.withEvidence(0, 0)));
                methods.add(new BoundaryHarmonizer(d.withStrength(1)));
                methods.add(new BoundaryHarmonizer(d.withMaxShift(50)));
                methods.add(new BoundaryHarmonizer(d.withMaxShift(Double.POSITIVE_INFINITY)));
            }
            default -> throw new IllegalArgumentException("--table '" + args.get("table") + "': use main or tune");
        }
        long start = System.nanoTime();
        List<Score> scores = evaluate(args.set(), split, methods, (int) args.number("min-pixels"), (long) args.number("seed"),
                strengths);
        System.out.println(args.command());
        System.out.printf(Locale.ROOT, "objects >= %s px, seed %s, %.1f s; fMSE before -> after (change), foreground PSNR "
                + "after; per perturbation strength%n%n", args.get("min-pixels"), args.get("seed"), (System.nanoTime() - start) / 1e9);
        for (EvaluationSplit part : split == EvaluationSplit.TUNE ? List.of(EvaluationSplit.TUNE)
                : List.of(EvaluationSplit.REPORT, EvaluationSplit.TUNE, EvaluationSplit.ALL)) {
            Score first = scores.stream().filter(x -> x.split() == part).findFirst().orElseThrow();
            System.out.printf(Locale.ROOT, "%s: %s, %d objects%n%n", part.key(), part.description(), first.objects());
            StringBuilder header = new StringBuilder("| method |"), rule = new StringBuilder("|---|");
            for (double k : strengths) {
                header.append(String.format(Locale.ROOT, " strength %s |", k));
                rule.append("---|");
            }
            System.out.println(header);
            System.out.println(rule);
            StringBuilder before = new StringBuilder("| perturbed, before |");
            for (double k : strengths) {
                Score x = find(scores, first.method(), k, part);
                before.append(String.format(Locale.ROOT, " %.1f (%.2f dB) |", x.fMseBefore(), x.fPsnrBefore()));
            }
            System.out.println(before);
            for (Harmonizer method : methods) {
                StringBuilder row = new StringBuilder("| " + method.id() + " |");
                for (double k : strengths) {
                    Score x = find(scores, method.id(), k, part);
                    row.append(String.format(Locale.ROOT, " %.1f (%s) %.2f dB |", x.fMseAfter(),
                            x.fMseBefore() == 0 ? String.format(Locale.ROOT, "+%.1f", x.fMseAfter())
                                    : String.format(Locale.ROOT, "%+.0f %%", -100 * x.fMseReduction()), x.fPsnrAfter()));
                }
                System.out.println(row);
            }
            System.out.println();
        }
    }

    static Score find(List<Score> scores, String method, double strength, EvaluationSplit split) {
        return scores.stream().filter(x -> x.method().equals(method) && x.perturbation() == strength && x.split() == split)
                .findFirst().orElseThrow();
    }
}
