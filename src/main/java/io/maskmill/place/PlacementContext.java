package io.maskmill.place;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.maskmill.imaging.CocoDataset;

/**
 * Where objects of a class are in photos, and what they stand near: the statistics the context scorer
 * ({@link ContextScorer}) reads at run time, derived from any COCO instances file by {@link #main}.
 * <ul>
 * <li><b>position</b> per class: mean and sd of the box's bottom edge / image height and of its centre
 *     column / image width (photographers frame objects; a cup's bottom is lower in the frame than a
 *     kite's).</li>
 * <li><b>near</b> per class pair (c, n): of the instances of c in images that also hold an n, how many have
 *     an n within half their own size (box of n meets c's box grown by ½ its width and height on each
 *     side) — a cup is near a dining table, a person near other people.</li>
 * </ul>
 * Classes with few instances are shrunk to the all-class row (pseudo-count {@value #SHRINK}), unknown
 * classes and pairs get it; the shipped table ({@value #RESOURCE}) comes from coco-mini, and without any
 * table the built-in {@link #FALLBACK} (centre of the frame, bottom at ⅔, near rate ½) is used.
 * <pre>
 * ./mvnw -q compile exec:java -Dexec.mainClass=io.maskmill.place.PlacementContext \
 *     -Dexec.args="../shared/data/coco-mini/annotations/instances_train2017.json src/main/resources/io/maskmill/place/placement-context.tsv"
 * </pre>
 */
public final class PlacementContext {
    public static final String RESOURCE = "/io/maskmill/place/placement-context.tsv";
    public static final String ALL = "*";
    /** Pseudo-count of the all-class row in the per-class and per-pair estimates. */
    public static final int SHRINK = 5;
    /** Instances counted: COCO's medium and large objects, as in the scale prior. */
    static final double MIN_AREA = 32 * 32;
    /** No table at all: objects centred, bottom at two thirds of the height, near a neighbour half the time. */
    public static final PlacementContext FALLBACK = new PlacementContext(
            Map.of(ALL, new Position(1, 0.67, 0.2, 0.5, 0.2)), Map.of(ALL + "\t" + ALL, new Near(1, 0.5)));

    /** Position statistics of one class, as fractions of the image's height (bottom) and width (centre). */
    public record Position(int n, double bottom, double bottomSd, double centre, double centreSd) {
    }

    /** Of n instances of a class in images holding the other class, {@code near} were near one. */
    public record Near(int n, double near) {
    }

    private final Map<String, Position> positions;
    private final Map<String, Near> nears;
    private final Position allPosition;
    private final double allNear;

    public PlacementContext(Map<String, Position> positions, Map<String, Near> nears) {
        Position a = positions.get(ALL);
        Near an = nears.get(ALL + "\t" + ALL);
        if (a == null || an == null) {
            throw new IllegalArgumentException("placement context table needs the all-class rows 'position\t*' and 'near\t*\t*'");
        }
        this.positions = new HashMap<>();
        positions.forEach((k, v) -> this.positions.put(ScalePrior.normalize(k), v));
        this.nears = new HashMap<>();
        nears.forEach((k, v) -> {
            String[] p = k.split("\t");
            this.nears.put(ScalePrior.normalize(p[0]) + "\t" + ScalePrior.normalize(p[1]), v);
        });
        allPosition = a;
        allNear = an.near() / Math.max(1, an.n());
    }

    /** The table shipped with Maskmill, or {@link #FALLBACK} if it is missing. */
    public static PlacementContext loadDefault() {
        try (InputStream in = PlacementContext.class.getResourceAsStream(RESOURCE)) {
            return in == null ? FALLBACK : read(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    /** A class's position statistics, shrunk towards the all-class row. */
    public Position position(String className) {
        Position c = positions.get(ScalePrior.normalize(className));
        if (c == null || c == allPosition) {
            return allPosition;
        }
        double k = SHRINK, n = c.n();
        double bottom = (n * c.bottom() + k * allPosition.bottom()) / (n + k);
        double centre = (n * c.centre() + k * allPosition.centre()) / (n + k);
        double bsd = Math.sqrt((Math.max(0, n - 1) * sq(c.bottomSd()) + k * sq(allPosition.bottomSd())) / (Math.max(0, n - 1) + k));
        double csd = Math.sqrt((Math.max(0, n - 1) * sq(c.centreSd()) + k * sq(allPosition.centreSd())) / (Math.max(0, n - 1) + k));
        return new Position(c.n(), bottom, bsd, centre, csd);
    }

    /** How likely an object of class {@code c} is near one of class {@code other}, shrunk to the overall rate. */
    public double near(String c, String other) {
        Near p = nears.get(ScalePrior.normalize(c) + "\t" + ScalePrior.normalize(other));
        return p == null ? allNear : (p.near() + SHRINK * allNear) / (p.n() + SHRINK);
    }

    /** The table's text for {@code coco}; {@code source} names it in the header. */
    public static String derive(CocoDataset coco, String source) {
        Map<Integer, String> names = new TreeMap<>();
        coco.categories().forEach(c -> names.put(c.id(), c.name()));
        Map<String, List<double[]>> pos = new TreeMap<>();
        Map<String, int[]> near = new TreeMap<>();
        for (CocoDataset.Image image : coco.images()) {
            List<CocoDataset.Annotation> in = coco.annotationsOf(image.id()).stream().filter(a -> !a.crowd()).toList();
            for (CocoDataset.Annotation a : in) {
                if (a.area() < MIN_AREA) {
                    continue;
                }
                String c = names.getOrDefault(a.categoryId(), "category " + a.categoryId());
                double[] b = a.bbox();
                double[] p = {(b[1] + b[3]) / image.height(), (b[0] + b[2] / 2) / image.width()};
                pos.computeIfAbsent(c, k -> new ArrayList<>()).add(p);
                pos.computeIfAbsent(ALL, k -> new ArrayList<>()).add(p);
                double gx0 = b[0] - b[2] / 2, gy0 = b[1] - b[3] / 2, gx1 = b[0] + 1.5 * b[2], gy1 = b[1] + 1.5 * b[3];
                Set<String> present = new HashSet<>(), isNear = new HashSet<>();
                for (CocoDataset.Annotation o : in) {
                    if (o.id() == a.id()) {
                        continue;
                    }
                    String n = names.getOrDefault(o.categoryId(), "category " + o.categoryId());
                    present.add(n);
                    double[] ob = o.bbox();
                    if (ob[0] < gx1 && ob[0] + ob[2] > gx0 && ob[1] < gy1 && ob[1] + ob[3] > gy0) {
                        isNear.add(n);
                    }
                }
                for (String n : present) {
                    int[] cn = near.computeIfAbsent(c + "\t" + n, k -> new int[2]);
                    int[] all = near.computeIfAbsent(ALL + "\t" + ALL, k -> new int[2]);
                    int hit = isNear.contains(n) ? 1 : 0;
                    cn[0]++;
                    cn[1] += hit;
                    all[0]++;
                    all[1] += hit;
                }
            }
        }
        near.computeIfAbsent(ALL + "\t" + ALL, k -> new int[2]);
        StringBuilder out = new StringBuilder();
        out.append("# Maskmill placement context: non-crowd instances >= ").append((int) MIN_AREA)
                .append(" px\n# derived by io.maskmill.place.PlacementContext from ").append(source)
                .append("\n# position\tclass\tn\tmean_bottom/H\tsd\tmean_centre_x/W\tsd\n");
        List<double[]> all = pos.remove(ALL);
        if (all != null) {
            positionRow(out, ALL, all);
        }
        pos.forEach((c, rows) -> positionRow(out, c, rows));
        out.append("# near\tclass\tother\tn (instances of class in images with other)\tnear (other within half its size)\n");
        int[] a = near.remove(ALL + "\t" + ALL);
        out.append("near\t").append(ALL).append('\t').append(ALL).append('\t').append(a[0]).append('\t').append(a[1]).append('\n');
        near.forEach((k, v) -> out.append("near\t").append(k).append('\t').append(v[0]).append('\t').append(v[1]).append('\n'));
        return out.toString();
    }

    private static void positionRow(StringBuilder out, String c, List<double[]> rows) {
        double[] mean = new double[2], sd = new double[2];
        for (double[] r : rows) {
            mean[0] += r[0] / rows.size();
            mean[1] += r[1] / rows.size();
        }
        for (double[] r : rows) {
            sd[0] += sq(r[0] - mean[0]);
            sd[1] += sq(r[1] - mean[1]);
        }
        for (int i = 0; i < 2; i++) {
            sd[i] = rows.size() > 1 ? Math.sqrt(sd[i] / (rows.size() - 1)) : 0;
        }
        out.append(String.format(Locale.ROOT, "position\t%s\t%d\t%.4f\t%.4f\t%.4f\t%.4f%n", c, rows.size(), mean[0], sd[0],
                mean[1], sd[1]));
    }

    /** Parses a table; {@code source} names it in errors. */
    public static PlacementContext read(InputStream in, String source) throws IOException {
        Map<String, Position> positions = new HashMap<>();
        Map<String, Near> nears = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            try {
                if (f[0].equals("position") && f.length == 7) {
                    positions.put(f[1], new Position(Integer.parseInt(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                            Double.parseDouble(f[5]), Double.parseDouble(f[6])));
                } else if (f[0].equals("near") && f.length == 5) {
                    nears.put(f[1] + "\t" + f[2], new Near(Integer.parseInt(f[3]), Integer.parseInt(f[4])));
                } else {
                    throw new IllegalArgumentException("expected 'position' + 6 fields or 'near' + 4 fields, tab-separated");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + number + ": " + e.getMessage(), e);
            }
        }
        return new PlacementContext(positions, nears);
    }

    /** The table derived from {@code coco}, parsed (the evaluation derives it from its tune split). */
    public static PlacementContext of(CocoDataset coco, String source) {
        try {
            return read(new ByteArrayInputStream(derive(coco, source).getBytes(StandardCharsets.UTF_8)), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double sq(double v) {
        return v * v;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PlacementContext <instances.json> <out.tsv>");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        String table = derive(CocoDataset.read(in), in.getFileName().toString());
        Files.writeString(Path.of(args[1]), table, StandardCharsets.UTF_8);
        System.out.print(table);
    }
}
