package io.maskmill.place;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import io.maskmill.imaging.Box;
import io.maskmill.imaging.CocoDataset;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.Masks;
import io.maskmill.imaging.RgbImage;

/**
 * Checks the place stage on real photos: real COCO instances, cut out with their ground-truth
 * polygons, are placed (1–3 per trial, one after another) into other COCO images whose ground-truth
 * masks are the scene. For every pasted object the expected mask is computed here, independently, from
 * the documented transform ({@link ScaledCutOut}): the ground-truth mask, cropped to its box, sampled
 * at w×h by nearest neighbour, placed at the box — minus the objects pasted after it. Checked:
 * <ul>
 * <li>its pixels in the pasted map equal the expected mask (pixel IoU 1.000), with its class in the semantic mask;</li>
 * <li>every box lies inside the image;</li>
 * <li>outside the pasted objects the semantic mask equals the background's, and outside everything a paste
 *     touched the image is unchanged;</li>
 * <li>no background class region and no earlier pasted object is hidden by more than the occlusion limit.</li>
 * </ul>
 * <pre>
 * ./mvnw -q compile exec:java -Dexec.mainClass=io.maskmill.place.PlacementVerification \
 *     -Dexec.args="../shared/data/coco-mini 1000 1 0.0"     # dir, trials, seed, max occlusion [, picture.png]
 * </pre>
 */
public final class PlacementVerification {
    /** Instances smaller than this are not cut out (COCO's small objects make poor pastes). */
    static final double MIN_SOURCE_AREA = 2000;

    public record Report(int trials, int attempted, int placed, Map<String, Integer> skipped, double minIoU,
                         double meanIoU, int boxesOutside, int maskPixelsWrong, int imagePixelsChanged,
                         double worstOcclusion, int limitViolations, double limit, double msPerObject) {
        public String table() {
            return String.format(Locale.ROOT,
                    "| %d | %.2f | %d | %d | %d | %.4f | %.4f | %d | %d | %d | %.4f | %d | %.1f |",
                    trials, limit, attempted, placed, attempted - placed, minIoU, meanIoU, boxesOutside,
                    maskPixelsWrong, imagePixelsChanged, worstOcclusion, limitViolations, msPerObject);
        }
    }

    private final CocoDataset coco;
    private final Path images;
    private final List<String> classes = new ArrayList<>();
    private final Map<Integer, Integer> labelOfCategory = new HashMap<>();
    private final List<CocoDataset.Annotation> sources = new ArrayList<>();
    private final List<CocoDataset.Image> targets;
    private final Map<Long, RgbImage> decoded = new HashMap<>();

    public PlacementVerification(Path cocoMini) {
        this.coco = CocoDataset.read(cocoMini.resolve("annotations/instances_train2017.json"));
        this.images = cocoMini.resolve("train2017");
        coco.categories().stream().sorted(Comparator.comparingInt(CocoDataset.Category::id)).forEach(c -> {
            labelOfCategory.put(c.id(), classes.size() + 1);
            classes.add(c.name());
        });
        for (CocoDataset.Image image : coco.images()) {
            sources.addAll(wholeInstances(coco, image, WholeObject.Criteria.defaults()));
        }
        sources.sort(Comparator.comparingLong(CocoDataset.Annotation::id));
        targets = coco.images().stream().sorted(Comparator.comparing(CocoDataset.Image::fileName)).toList();
    }

    public List<String> classes() {
        return classes;
    }

    /**
     * The image's instances that are object sources, as augment chooses them: non-crowd polygons of at
     * least {@link #MIN_SOURCE_AREA} px that are {@link WholeObject}s among the image's other annotations.
     */
    static List<CocoDataset.Annotation> wholeInstances(CocoDataset coco, CocoDataset.Image image,
            WholeObject.Criteria criteria) {
        List<CocoDataset.Annotation> annotations = coco.annotationsOf(image.id());
        int[] cover = new int[image.width() * image.height()];
        Map<Long, LabelMask> masks = new HashMap<>();
        for (CocoDataset.Annotation a : annotations) {
            LabelMask m = coco.mask(a);
            masks.put(a.id(), m);
            byte[] l = m.labels();
            for (int i = 0; i < l.length; i++) {
                cover[i] += l[i] != 0 ? 1 : 0;
            }
        }
        List<CocoDataset.Annotation> whole = new ArrayList<>();
        for (CocoDataset.Annotation a : annotations) {
            if (a.crowd() || !(a.segmentation() instanceof CocoDataset.Polygons) || a.area() < MIN_SOURCE_AREA) {
                continue;
            }
            byte[] own = masks.get(a.id()).labels(), other = new byte[own.length];
            for (int i = 0; i < own.length; i++) {
                other[i] = cover[i] - (own[i] != 0 ? 1 : 0) > 0 ? (byte) 1 : 0;
            }
            if (WholeObject.problem(masks.get(a.id()), 1, new LabelMask(image.width(), image.height(), other),
                    criteria) == null) {
                whole.add(a);
            }
        }
        return whole;
    }

    /** The scene of a target image: its photo and its ground truth as a semantic mask (crowd = ignore). */
    PlaceService.Background background(CocoDataset.Image image) {
        LabelMask mask = new LabelMask(image.width(), image.height());
        List<CocoDataset.Annotation> annotations = new ArrayList<>(coco.annotationsOf(image.id()));
        annotations.sort(Comparator.comparingDouble(CocoDataset.Annotation::area).reversed()); // small on top
        for (CocoDataset.Annotation a : annotations) {
            mask.paint(coco.mask(a), a.crowd() ? LabelMask.IGNORE : labelOfCategory.get(a.categoryId()));
        }
        return new PlaceService.Background(photo(image), mask, "none", classes);
    }

    private RgbImage photo(CocoDataset.Image image) {
        return decoded.computeIfAbsent(image.id(), id -> {
            try {
                return Images.readRgb(Files.readAllBytes(images.resolve(image.fileName())), image.fileName());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + images.resolve(image.fileName()), e);
            }
        });
    }

    /** One real instance as an object sample: its photo and its ground-truth mask labelled with its class. */
    ObjectSource object(CocoDataset.Annotation a) {
        CocoDataset.Image image = coco.image(a.imageId());
        LabelMask gt = coco.mask(a);
        int label = labelOfCategory.get(a.categoryId());
        byte[] labels = gt.labels();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labels[i] != 0 ? (byte) label : 0;
        }
        return ObjectSource.of(classes.get(label - 1), "ann" + a.id(), photo(image), gt);
    }

    /** The trial's draw: a target image and 1..maxObjects instances from other images. */
    record Trial(CocoDataset.Image target, List<CocoDataset.Annotation> objects) {
    }

    Trial trial(long seed, int maxObjects) {
        SplittableRandom random = new SplittableRandom(seed);
        CocoDataset.Image target = targets.get(random.nextInt(targets.size()));
        int n = 1 + random.nextInt(maxObjects);
        List<CocoDataset.Annotation> objects = new ArrayList<>(n);
        while (objects.size() < n) {
            CocoDataset.Annotation a = sources.get(random.nextInt(sources.size()));
            if (a.imageId() != target.id()) {
                objects.add(a);
            }
        }
        return new Trial(target, objects);
    }

    public Report run(PlaceService service, int trials, long seed, int maxObjects) {
        double limit = service.settings().maxOcclusion();
        int attempted = 0, placedCount = 0, outside = 0, wrongMask = 0, changed = 0, violations = 0;
        double minIoU = 1, sumIoU = 0, worst = 0;
        Map<String, Integer> skipped = new TreeMap<>();
        long nanos = 0;
        for (int t = 0; t < trials; t++) {
            Trial trial = trial(seed * 1_000_003L + t, maxObjects);
            PlaceService.Background background = background(trial.target());
            List<ObjectSource> objects = trial.objects().stream().map(this::object).toList();
            long start = System.nanoTime();
            PlaceResult result = service.place(background, objects, seed + t);
            nanos += System.nanoTime() - start;
            attempted += objects.size();
            for (String reason : result.reasons()) {
                if (!reason.startsWith("no object could be placed")) {
                    skipped.merge(reasonKind(reason), 1, Integer::sum);
                }
            }
            Check check = check(background, trial, result, limit);
            placedCount += result.objects().size();
            outside += check.outside;
            wrongMask += check.wrongMask;
            changed += check.changed;
            violations += check.violations;
            worst = Math.max(worst, check.worstOcclusion);
            for (double iou : check.ious) {
                minIoU = Math.min(minIoU, iou);
                sumIoU += iou;
            }
        }
        return new Report(trials, attempted, placedCount, skipped, minIoU,
                placedCount == 0 ? 0 : sumIoU / placedCount, outside, wrongMask, changed, worst, violations, limit,
                attempted == 0 ? 0 : nanos / 1e6 / attempted);
    }

    private static String reasonKind(String reason) {
        int colon = reason.indexOf(": ");
        String rest = colon < 0 ? reason : reason.substring(colon + 2);
        int next = rest.indexOf(':');
        return next < 0 ? rest : rest.substring(0, next);
    }

    private static final class Check {
        int outside, wrongMask, changed, violations;
        double worstOcclusion;
        final List<Double> ious = new ArrayList<>();
    }

    /** Everything the class comment lists, computed from the ground truth without the stage's code. */
    Check check(PlaceService.Background background, Trial trial, PlaceResult result, double limit) {
        Check check = new Check();
        int w = background.image().width(), h = background.image().height();
        List<PlacedObject> placed = result.objects();
        List<byte[]> expected = new ArrayList<>();
        for (PlacedObject p : placed) {
            Box box = p.box();
            if (box.x0() < 0 || box.y0() < 0 || box.x1() > w || box.y1() > h) {
                check.outside++;
                expected.add(new byte[w * h]);
                continue;
            }
            CocoDataset.Annotation a = trial.objects().stream().filter(o -> ("ann" + o.id()).equals(p.sample()))
                    .findFirst().orElseThrow();
            expected.add(transformed(coco.mask(a), box, w, h));
        }
        byte[] union = new byte[w * h];
        byte[] before = background.mask().labels();
        int[] regionArea = new int[256];
        for (byte b : before) {
            regionArea[b & 0xFF]++;
        }
        int[] regionHidden = new int[256];
        for (int k = placed.size() - 1; k >= 0; k--) {
            byte[] e = expected.get(k);
            byte[] visible = new byte[w * h];
            int area = 0, hiddenByLater = 0;
            for (int i = 0; i < e.length; i++) {
                if (e[i] != 0) {
                    area++;
                    if (union[i] != 0) {
                        hiddenByLater++;
                    } else {
                        visible[i] = 1;
                    }
                }
            }
            if (area > 0) {
                double occlusion = (double) hiddenByLater / area;
                check.worstOcclusion = Math.max(check.worstOcclusion, occlusion);
                if (occlusion > limit) {
                    check.violations++;
                }
            }
            check.ious.add(Masks.iou(new LabelMask(w, h, visible), placed.get(k).instance()));
            for (int i = 0; i < e.length; i++) {
                if (e[i] != 0) {
                    union[i] = 1;
                }
            }
        }
        byte[] out = result.mask().labels(), pasted = result.pasted().labels();
        float[] inImage = background.image().pixels(), outImage = result.composite().pixels();
        for (int i = 0; i < union.length; i++) {
            int old = before[i] & 0xFF;
            if (union[i] == 0) {
                if (out[i] != before[i]) {
                    check.wrongMask++;
                }
                if (pasted[i] == 0 && (outImage[3 * i] != inImage[3 * i] || outImage[3 * i + 1] != inImage[3 * i + 1]
                        || outImage[3 * i + 2] != inImage[3 * i + 2])) {
                    check.changed++;
                }
            } else {
                int owner = pasted[i] & 0xFF;
                if (owner < 1 || owner > placed.size() || (out[i] & 0xFF) != placed.get(owner - 1).label()) {
                    check.wrongMask++;
                }
                if (LabelMask.isObject(old)) {
                    regionHidden[old]++;
                }
            }
        }
        for (int label = 1; label < 255; label++) {
            if (regionArea[label] > 0) {
                double occlusion = (double) regionHidden[label] / regionArea[label];
                check.worstOcclusion = Math.max(check.worstOcclusion, occlusion);
                if (occlusion > limit) {
                    check.violations++;
                }
            }
        }
        return check;
    }

    /** The ground-truth mask moved into {@code box} of a w×h image by the documented nearest-neighbour rule. */
    static byte[] transformed(LabelMask groundTruth, Box box, int w, int h) {
        Box source = groundTruth.box(1);
        byte[] out = new byte[w * h];
        for (int v = 0; v < box.height(); v++) {
            int sy = source.y0() + (int) ((2L * v + 1) * source.height() / (2L * box.height()));
            for (int u = 0; u < box.width(); u++) {
                int sx = source.x0() + (int) ((2L * u + 1) * source.width() / (2L * box.width()));
                if (groundTruth.get(sx, sy) != 0) {
                    out[(box.y0() + v) * w + box.x0() + u] = 1;
                }
            }
        }
        return out;
    }

    /** Renders one trial with the debug overlay, for a person to look at. */
    byte[] picture(PlaceService service, long seed, int maxObjects) {
        Trial trial = trial(seed, maxObjects);
        PlaceResult result = service.place(background(trial.target()),
                trial.objects().stream().map(this::object).toList(), seed);
        return Images.writePng(result.heatmap());
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data/coco-mini");
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        double limit = args.length > 3 ? Double.parseDouble(args[3]) : 0.0;
        PlacementVerification verification = new PlacementVerification(dir);
        PlaceService service = BuiltinDefaults.service(PlaceService.Settings.defaults().withMaxOcclusion(limit));
        Report report = verification.run(service, trials, seed, 3);
        System.out.println("| trials | limit | objects | placed | skipped | min IoU | mean IoU | boxes outside "
                + "| mask px wrong | image px changed outside | worst occlusion | limit violations | ms/object |");
        System.out.println(report.table());
        System.out.println("skipped: " + report.skipped());
        if (args.length > 4) {
            PlaceService debug = BuiltinDefaults.service(service.settings().withDebugHeatmap(true));
            Files.write(Path.of(args[4]), verification.picture(debug, seed, 3));
            System.out.println("picture: " + args[4]);
        }
    }

    /** The scorer defaults of {@code maskmill.place.*}, for command-line use. */
    static final class BuiltinDefaults {
        static final BuiltinScorer.Settings SCORER = new BuiltinScorer.Settings(128, 0.5,
                Set.of("airplane", "aeroplane", "bird", "kite"));
        static final ContextScorer.Settings CONTEXT = ContextScorer.Settings.defaults(Set.of("airplane", "aeroplane", "bird", "kite"));

        /** The service as the stage builds it by default: the context scorer. */
        static PlaceService service(PlaceService.Settings settings) {
            return PlaceService.context(settings, CONTEXT);
        }

        private BuiltinDefaults() {
        }
    }
}
