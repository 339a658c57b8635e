package io.maskmill.place;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.maskmill.imaging.CocoDataset;

/**
 * Derives the shipped scale prior table from a COCO instances file: for every non-crowd instance of
 * at least {@code minArea} px (COCO's "small" objects, under 32² px, are left out: too small to paste
 * usefully), ln r with r = √(area / image area); per class and over all classes: n, mean, sample
 * standard deviation.
 *
 * <pre>
 * ./mvnw -q compile exec:java -Dexec.mainClass=io.maskmill.place.ScalePriorTable \
 *     -Dexec.args="../shared/data/coco-mini/annotations/instances_train2017.json src/main/resources/io/maskmill/place/scale-prior.tsv"
 * </pre>
 */
public final class ScalePriorTable {
    /** COCO's small/medium boundary, 32² px. */
    public static final double MIN_AREA = 32 * 32;

    private ScalePriorTable() {
    }

    /** The table's text for {@code coco}; {@code source} names it in the header. */
    public static String derive(CocoDataset coco, String source) {
        Map<Integer, String> names = new TreeMap<>();
        coco.categories().forEach(c -> names.put(c.id(), c.name()));
        Map<String, List<Double>> logSizes = new TreeMap<>();
        List<Double> all = new ArrayList<>();
        for (CocoDataset.Annotation a : coco.annotations()) {
            if (a.crowd() || a.area() < MIN_AREA) {
                continue;
            }
            CocoDataset.Image image = coco.image(a.imageId());
            double ln = 0.5 * Math.log(a.area() / ((double) image.width() * image.height()));
            String name = names.getOrDefault(a.categoryId(), "category " + a.categoryId());
            logSizes.computeIfAbsent(name, k -> new ArrayList<>()).add(ln);
            all.add(ln);
        }
        StringBuilder out = new StringBuilder();
        out.append("# Maskmill scale prior: ln r, r = sqrt(instance area / image area), non-crowd instances >= ")
                .append((int) MIN_AREA).append(" px\n# derived by io.maskmill.place.ScalePriorTable from ")
                .append(source).append("\n# class\tn\tmean_ln_r\tsd_ln_r\n");
        row(out, ScalePrior.ALL, all);
        logSizes.forEach((name, values) -> row(out, name, values));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, List<Double> values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.size();
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : 0;
        out.append(name).append('\t').append(values.size()).append('\t')
                .append(String.format(Locale.ROOT, "%.4f\t%.4f", mean, sd)).append('\n');
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ScalePriorTable <instances.json> <out.tsv>");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        String table = derive(CocoDataset.read(in), in.getFileName().toString());
        Files.writeString(Path.of(args[1]), table, StandardCharsets.UTF_8);
        System.out.print(table);
    }
}
