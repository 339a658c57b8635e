package io.maskmill.bench;

import io.maskmill.harmonize.BoundaryHarmonizer;
import io.maskmill.harmonize.BoundarySettings;
import io.maskmill.harmonize.Harmonizer;
import io.maskmill.harmonize.RainHarmonizer;
import io.maskmill.harmonize.RainSettings;
import io.maskmill.imaging.CocoDataset;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.Polygons;
import io.maskmill.imaging.RgbImage;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Time per 512×512 harmonization on one thread: the default boundary-continuity method and the RAIN/AdaIN
 * method (the earlier default) against the Reinhard baseline in the same run, interleaved, on real COCO photos
 * scaled to 512² with one annotated object each (small, medium, large).
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.mainClass=io.maskmill.bench.HarmonizeBenchmark</pre>
 */
public final class HarmonizeBenchmark {
    private static final int SIZE = 512;

    record Case(String name, RgbImage image, LabelMask mask) {
    }

    public static void main(String[] args) throws Exception {
        Path coco = Path.of(args.length > 0 ? args[0] : "../shared/data/coco-mini");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        CocoDataset dataset = CocoDataset.read(coco.resolve("annotations/instances_train2017.json"));
        List<Case> cases = new ArrayList<>();
        for (long[] pick : new long[][]{{535506, 441444}, {493652, -1}, {330993, -1}}) {
            cases.add(scaledCase(dataset, coco, pick[0], pick[1]));
        }
        // the defaults with the dead zone / evidence gate off: these unperturbed objects may fit their scenes and be
        // passed through, and the benchmark times the full work a harmonized object costs
        List<Harmonizer> methods = List.of(new RainHarmonizer(RainSettings.reinhard()),
                new RainHarmonizer(RainSettings.defaults().withDeadZone(0)),
                new BoundaryHarmonizer(BoundarySettings.defaults().withEvidence(0, 0)));
        System.out.printf(Locale.ROOT, "%s, %d rounds after %d warm-up, one thread%n%n",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), rounds, rounds);
        System.out.println("| image (512²) | object px | Reinhard ms (median) | RAIN ms (median) | boundary ms (median) "
                + "| RAIN / Reinhard | boundary / Reinhard | boundary / RAIN |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Case c : cases) {
            double[][] times = new double[methods.size()][rounds];
            for (int round = -rounds; round < rounds; round++) { // negative rounds warm up
                for (int m = 0; m < methods.size(); m++) {
                    long t0 = System.nanoTime();
                    if (!methods.get(m).harmonize(c.image(), c.mask()).applied() && m < 2) {
                        throw new IllegalStateException(c.name() + ": not applied");
                    }
                    if (round >= 0) {
                        times[m][round] = (System.nanoTime() - t0) / 1e6;
                    }
                }
            }
            double reinhard = median(times[0]), rain = median(times[1]), boundary = median(times[2]);
            System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", c.name(),
                    c.mask().count(1), reinhard, rain, boundary, rain / reinhard, boundary / reinhard, boundary / rain);
        }
    }

    /** The image scaled to 512² (bilinear) and one object's polygons scaled alike; annotation -1 = the largest. */
    static Case scaledCase(CocoDataset dataset, Path coco, long imageId, long annotationId) throws Exception {
        CocoDataset.Image info = dataset.image(imageId);
        BufferedImage source = Images.decode(Files.readAllBytes(coco.resolve("train2017").resolve(info.fileName())),
                info.fileName());
        BufferedImage scaled = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, SIZE, SIZE, null);
        g.dispose();
        CocoDataset.Annotation annotation = dataset.annotationsOf(imageId).stream()
                .filter(a -> !a.crowd() && (annotationId < 0 || a.id() == annotationId))
                .max((a, b) -> Double.compare(a.area(), b.area())).orElseThrow();
        double sx = (double) SIZE / info.width(), sy = (double) SIZE / info.height();
        List<double[]> polygons = new ArrayList<>();
        for (double[] p : ((CocoDataset.Polygons) annotation.segmentation()).polygons()) {
            double[] q = p.clone();
            for (int i = 0; i < q.length; i += 2) {
                q[i] *= sx;
                q[i + 1] *= sy;
            }
            polygons.add(q);
        }
        return new Case(info.fileName(), Images.toRgb(scaled), Polygons.rasterize(polygons, SIZE, SIZE));
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
