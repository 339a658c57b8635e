package io.maskmill.bench;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import io.maskmill.imaging.CocoDataset;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.Polygons;
import io.maskmill.imaging.RgbImage;
import io.maskmill.place.BrightnessPlacementModel;
import io.maskmill.place.BuiltinScorer;
import io.maskmill.place.ContextScorer;
import io.maskmill.place.PlaceConfig;
import io.maskmill.place.CutOut;
import io.maskmill.place.ObjectSource;
import io.maskmill.place.OnnxPlacementScorer;
import io.maskmill.place.PlaceResult;
import io.maskmill.place.PlaceService;
import io.maskmill.place.Scales;
import io.maskmill.place.ScalePrior;
import io.maskmill.place.ScaledCutOut;
import io.maskmill.runtime.OnnxRuntime;
import io.maskmill.runtime.RuntimeSettings;

/**
 * Time per placed object on one thread at 512×512: the whole built-in path (the default: context scorer,
 * draw ∝ F_h; fourth, interleaved: the free-space scorer with the top-k draw, the default before it) (cut-out, heatmap over 16
 * scales, Eq. 4 with the exact occlusion check, feathered paste, mask update, output copies) against a
 * baseline in the same run, interleaved — uniform random scale and position, then the same feathered
 * paste and mask update. Real COCO photos scaled to 512² with their ground truth as the scene; real
 * instances from other photos as the objects. Third, interleaved too: the same placement scored by an
 * ONNX model with the FOPA contract ({@link BrightnessPlacementModel}, a few operators: the cost is the
 * contract's tensors — {@code FopaInputs} for 16 scales — and the run on the CPU provider).
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.maskmill.bench.PlaceBenchmark \
 *     -Dexec.args="../shared/data/coco-mini 100"</pre>
 */
public final class PlaceBenchmark {
    private static final int SIZE = 512;
    private static final BuiltinScorer.Settings SCORER = new BuiltinScorer.Settings(128, 0.5,
            Set.of("airplane", "aeroplane", "bird", "kite"));

    record Scene(String name, PlaceService.Background background, int objectPixels) {
    }

    public static void main(String[] args) throws Exception {
        Path coco = Path.of(args.length > 0 ? args[0] : "../shared/data/coco-mini");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        CocoDataset dataset = CocoDataset.read(coco.resolve("annotations/instances_train2017.json"));
        Map<Integer, Integer> labels = new TreeMap<>();
        List<String> classes = new ArrayList<>();
        dataset.categories().stream().sorted(Comparator.comparingInt(CocoDataset.Category::id)).forEach(c -> {
            labels.put(c.id(), classes.size() + 1);
            classes.add(c.name());
        });
        List<Scene> scenes = new ArrayList<>();
        for (long id : new long[] {535506, 493652, 330993}) {
            scenes.add(scene(dataset, coco, id, labels, classes));
        }
        List<ObjectSource> objects = new ArrayList<>();
        for (long id : new long[] {252639, 37666, 790}) { // a different photo's largest instance each
            objects.add(largestInstance(dataset, coco, id, labels, classes));
        }
        // the default: the context scorer, candidates drawn ∝ F_h
        PlaceService service = PlaceService.context(PlaceService.Settings.defaults(),
                ContextScorer.Settings.defaults(Set.of("airplane", "aeroplane", "bird", "kite")));
        // the default before it: the free-space scorer (support surfaces, neighbours), a draw among the top 50 peaks
        PlaceService before = PlaceService.builtin(PlaceService.Settings.defaults().withSelection(PlaceConfig.Selection.TOP_K),
                SCORER);
        OnnxRuntime runtime = new OnnxRuntime(RuntimeSettings.cpu());
        Path modelFile = BrightnessPlacementModel.write(Files.createDirectories(Path.of("target", "bench-models")));
        PlaceService onnx = new PlaceService(new OnnxPlacementScorer(runtime.session(modelFile), 16), ScalePrior.loadDefault(),
                PlaceService.Settings.defaults());
        System.out.printf(Locale.ROOT, "%s, %d rounds after %d warm-up, one thread, one object per call (3 real instances in turn)%n%n",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), rounds, rounds);
        System.out.println("| scene (512²) | scene object px | baseline ms/object (median) | built-in ms/object (median) "
                + "| built-in / baseline | ONNX scorer ms/object (median) | ONNX / built-in "
                + "| free-space scorer + top-k (the default before), ms/object | built-in / before |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Scene s : scenes) {
            double[] builtin = new double[rounds], baseline = new double[rounds], model = new double[rounds],
                    old = new double[rounds];
            for (int round = -rounds; round < rounds; round++) { // negative rounds warm up
                ObjectSource object = objects.get(Math.floorMod(round, objects.size()));
                long t0 = System.nanoTime();
                PlaceResult result = service.place(s.background(), List.of(object), round);
                long t1 = System.nanoTime();
                RgbImage pasted = uniformPaste(s.background(), object, classes, new SplittableRandom(round));
                long t2 = System.nanoTime();
                PlaceResult scored = onnx.place(s.background(), List.of(object), round);
                long t3 = System.nanoTime();
                PlaceResult previous = before.place(s.background(), List.of(object), round);
                long t4 = System.nanoTime();
                if (previous.objects().isEmpty()) {
                    throw new IllegalStateException(s.name() + ": nothing placed before: " + previous.reason());
                }
                if (result.objects().isEmpty() || pasted == null || scored.objects().isEmpty()) {
                    throw new IllegalStateException(s.name() + ": nothing placed: " + result.reason() + scored.reason());
                }
                if (round >= 0) {
                    builtin[round] = (t1 - t0) / 1e6;
                    baseline[round] = (t2 - t1) / 1e6;
                    model[round] = (t3 - t2) / 1e6;
                    old[round] = (t4 - t3) / 1e6;
                }
            }
            double b = median(baseline), p = median(builtin), m = median(model), o = median(old);
            System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", s.name(),
                    s.objectPixels(), b, p, p / b, m, m / p, o, p / o);
        }
        runtime.close();
    }

    /** Baseline: a uniformly drawn usable scale and position, the same feathered paste and mask update. */
    static RgbImage uniformPaste(PlaceService.Background background, ObjectSource object, List<String> classes,
            SplittableRandom random) {
        int label = classes.indexOf(object.className()) + 1;
        int w = background.image().width(), h = background.image().height();
        CutOut cut = CutOut.of("baseline", object.image(), object.mask(), label);
        Scales scales = Scales.of(cut.box(), w, h, 16, 16, 2.0);
        int i;
        do {
            i = random.nextInt(scales.count());
        } while (!scales.usable()[i]);
        ScaledCutOut scaled = ScaledCutOut.of(cut, scales.width()[i], scales.height()[i], 2);
        int x = random.nextInt(w - scaled.width() + 1), y = random.nextInt(h - scaled.height() + 1);
        float[] out = background.image().pixels().clone();
        byte[] mask = background.mask().labels().clone();
        int m = scaled.margin(), cw = scaled.canvasWidth();
        float[] alpha = scaled.alpha(), rgb = scaled.rgb();
        for (int cy = 0; cy < scaled.canvasHeight(); cy++) {
            int py = y + cy - m;
            for (int cx = 0; cx < cw; cx++) {
                int px = x + cx - m, c = cy * cw + cx;
                if (py < 0 || py >= h || px < 0 || px >= w || alpha[c] <= 0) {
                    continue;
                }
                int p = py * w + px;
                for (int k = 0; k < 3; k++) {
                    out[3 * p + k] += alpha[c] * (rgb[3 * c + k] - out[3 * p + k]);
                }
                if (scaled.mask()[c] != 0) {
                    mask[p] = (byte) label;
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    /** A photo scaled to 512² (bilinear) with its polygon ground truth scaled alike as the semantic mask. */
    static Scene scene(CocoDataset dataset, Path coco, long imageId, Map<Integer, Integer> labels, List<String> classes)
            throws Exception {
        CocoDataset.Image info = dataset.image(imageId);
        BufferedImage source = Images.decode(Files.readAllBytes(coco.resolve("train2017").resolve(info.fileName())),
                info.fileName());
        BufferedImage scaled = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, SIZE, SIZE, null);
        g.dispose();
        LabelMask mask = new LabelMask(SIZE, SIZE);
        double sx = (double) SIZE / info.width(), sy = (double) SIZE / info.height();
        for (CocoDataset.Annotation a : dataset.annotationsOf(imageId)) {
            if (a.segmentation() instanceof CocoDataset.Polygons p) {
                List<double[]> polygons = new ArrayList<>();
                for (double[] xy : p.polygons()) {
                    double[] s = xy.clone();
                    for (int k = 0; k < s.length; k += 2) {
                        s[k] *= sx;
                        s[k + 1] *= sy;
                    }
                    polygons.add(s);
                }
                mask.paint(Polygons.rasterize(polygons, SIZE, SIZE), labels.get(a.categoryId()));
            }
        }
        return new Scene(info.fileName(), new PlaceService.Background(Images.toRgb(scaled), mask, "none", classes),
                SIZE * SIZE - mask.count(0));
    }

    static ObjectSource largestInstance(CocoDataset dataset, Path coco, long imageId, Map<Integer, Integer> labels,
            List<String> classes) throws Exception {
        CocoDataset.Image info = dataset.image(imageId);
        CocoDataset.Annotation a = dataset.annotationsOf(imageId).stream().filter(x -> !x.crowd())
                .max(Comparator.comparingDouble(CocoDataset.Annotation::area)).orElseThrow();
        LabelMask mask = dataset.mask(a);
        int label = labels.get(a.categoryId());
        byte[] l = mask.labels();
        for (int i = 0; i < l.length; i++) {
            l[i] = l[i] != 0 ? (byte) label : 0;
        }
        RgbImage image = Images.readRgb(Files.readAllBytes(coco.resolve("train2017").resolve(info.fileName())),
                info.fileName());
        return ObjectSource.of(classes.get(label - 1), "ann" + a.id(), image, mask);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
