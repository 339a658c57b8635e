package io.maskmill.place;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How big objects of a class appear in photos: a log-normal over the relative linear size
 * r = √(object area / image area), per class, from {@code scale-prior.tsv} (derived from COCO by
 * {@link ScalePriorTable}). Classes with few instances are shrunk towards the all-class prior
 * (μ_c = (n·m_c + k·m)/(n + k), σ_c² = ((n−1)·s_c² + k·s²)/(n − 1 + k), k = {@value #SHRINK}); unknown
 * classes get the all-class prior. VOC names are mapped to COCO's (aeroplane → airplane, ...).
 */
public final class ScalePrior {
    /** Pseudo-count of the all-class prior in the per-class estimates. */
    public static final int SHRINK = 5;
    public static final String RESOURCE = "/io/maskmill/place/scale-prior.tsv";
    /** The all-class row's name in the table. */
    public static final String ALL = "*";

    private static final Map<String, String> ALIASES = Map.of("aeroplane", "airplane", "motorbike", "motorcycle",
            "diningtable", "dining table", "pottedplant", "potted plant", "sofa", "couch", "tvmonitor", "tv",
            "tv monitor", "tv");

    /** Log-normal over r: ln r ~ N(mu, sigma²). */
    public record LogNormal(double mu, double sigma) {
        /** exp(−(ln r − μ)² / 2σ²), 1 at the median size. */
        public double likelihood(double relativeSize) {
            double z = (Math.log(relativeSize) - mu) / sigma;
            return Math.exp(-0.5 * z * z);
        }

        public double median() {
            return Math.exp(mu);
        }
    }

    /** One row of the table: instances n, mean and sample standard deviation of ln r. */
    public record Row(int n, double mean, double sd) {
    }

    private final Map<String, LogNormal> classes = new HashMap<>();
    private final LogNormal all;

    public ScalePrior(Map<String, Row> rows) {
        Row a = rows.get(ALL);
        if (a == null || a.n() < 2) {
            throw new IllegalArgumentException("scale prior table needs the all-class row '" + ALL + "' with n >= 2");
        }
        all = new LogNormal(a.mean(), a.sd());
        rows.forEach((name, r) -> {
            if (!name.equals(ALL)) {
                double mu = (r.n() * r.mean() + SHRINK * a.mean()) / (r.n() + SHRINK);
                double var = (Math.max(0, r.n() - 1) * r.sd() * r.sd() + SHRINK * a.sd() * a.sd())
                        / (Math.max(0, r.n() - 1) + SHRINK);
                classes.put(normalize(name), new LogNormal(mu, Math.sqrt(var)));
            }
        });
    }

    /** The table shipped with Maskmill. */
    public static ScalePrior loadDefault() {
        try (InputStream in = ScalePrior.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("scale prior resource " + RESOURCE + " is missing from the classpath");
            }
            return new ScalePrior(read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    /** Rows of a table: {@code class<TAB>n<TAB>mean_ln_r<TAB>sd_ln_r}, '#' comments. */
    public static Map<String, Row> read(InputStream in) throws IOException {
        Map<String, Row> rows = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 4) {
                throw new IllegalArgumentException("scale prior line " + number + ": expected 4 tab-separated fields, got "
                        + f.length);
            }
            rows.put(f[0], new Row(Integer.parseInt(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])));
        }
        return rows;
    }

    /** The prior for a class (the all-class prior when the table does not know it). */
    public LogNormal of(String className) {
        return classes.getOrDefault(normalize(className), all);
    }

    public boolean knows(String className) {
        return classes.containsKey(normalize(className));
    }

    public LogNormal all() {
        return all;
    }

    /** A class name as COCO spells it: trimmed, lower case, VOC's names mapped ({@code aeroplane} → {@code airplane}). */
    static String normalize(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', ' ');
        return ALIASES.getOrDefault(n, n);
    }
}
