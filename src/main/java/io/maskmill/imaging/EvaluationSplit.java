package io.maskmill.imaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which images of a COCO-format set an evaluation looks at. Parameters are chosen on {@link #TUNE}
 * (even image ids) only; tables report {@link #REPORT} (odd image ids, which no parameter saw) and
 * {@link #ALL}. The split is by COCO image id, so it is the same whatever order a file lists its images in.
 */
public enum EvaluationSplit {
    TUNE("tune", "even image ids (parameters are chosen here)"),
    REPORT("report", "odd image ids (no parameter was chosen on them)"),
    ALL("all", "all images");

    private final String key;
    private final String description;

    EvaluationSplit(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public boolean contains(long imageId) {
        return switch (this) {
            case TUNE -> imageId % 2 == 0;
            case REPORT -> imageId % 2 != 0;
            case ALL -> true;
        };
    }

    /** The split's images of {@code dataset}, in the file's order. */
    public List<CocoDataset.Image> images(CocoDataset dataset) {
        return dataset.images().stream().filter(i -> contains(i.id())).toList();
    }

    /** {@code tune} (or {@code even}), {@code report} (or {@code odd}), {@code all}; a clear error otherwise. */
    public static EvaluationSplit parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "tune", "even" -> TUNE;
            case "report", "odd" -> REPORT;
            case "all" -> ALL;
            default -> throw new IllegalArgumentException("--split '" + name + "' is not a split: use tune (even image ids), "
                    + "report (odd image ids) or all");
        };
    }

    /**
     * A COCO-format set on disk: the instances file and the folder its {@code file_name}s are in. Checked on
     * construction so a wrong path fails saying which.
     */
    public record CocoSet(Path annotations, Path images) {
        public CocoSet {
            if (!Files.isRegularFile(annotations)) {
                throw new IllegalArgumentException("no COCO annotation file at " + annotations.toAbsolutePath().normalize());
            }
            if (!Files.isDirectory(images)) {
                throw new IllegalArgumentException("no image folder at " + images.toAbsolutePath().normalize());
            }
        }

        /** The usual layout under one folder: {@code annotations/instances_train2017.json} and {@code train2017/}. */
        public static CocoSet under(Path root) {
            return new CocoSet(root.resolve("annotations/instances_train2017.json"), root.resolve("train2017"));
        }

        public CocoDataset read() {
            return CocoDataset.read(annotations);
        }

        public Path file(CocoDataset.Image image) {
            return images.resolve(image.fileName());
        }

        public RgbImage readImage(CocoDataset.Image image) {
            Path file = file(image);
            try {
                return Images.readRgb(Files.readAllBytes(file), file.toString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    /**
     * The command line of an evaluation tool: {@code --images DIR --annotations FILE [--split S] [--name value ...]};
     * without {@code --images}/{@code --annotations} the set is coco-mini's layout under {@code ../shared/data/coco-mini}.
     * {@link #command()} gives back the command that reproduces the run, to print above its table.
     */
    public record Args(String mainClass, CocoSet set, Map<String, String> options) {
        public static final Path DEFAULT_ROOT = Path.of("../shared/data/coco-mini");

        /**
         * @param known option names the tool takes besides images, annotations and split, with their defaults
         */
        public static Args parse(String mainClass, String[] args, Map<String, String> known) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (!a.startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value pairs, got '" + a + "'"
                            + (i + 1 >= args.length && a.startsWith("--") ? " without a value" : "") + "; options: "
                            + usage(known));
                }
                String name = a.substring(2);
                if (!Set.of("images", "annotations", "split").contains(name) && !known.containsKey(name)) {
                    throw new IllegalArgumentException("unknown option --" + name + "; options: " + usage(known));
                }
                given.put(name, args[++i]);
            }
            CocoSet defaults = null;
            Path annotations = given.containsKey("annotations") ? Path.of(given.get("annotations")) : null;
            Path images = given.containsKey("images") ? Path.of(given.get("images")) : null;
            if (annotations == null || images == null) {
                defaults = CocoSet.under(DEFAULT_ROOT);
            }
            CocoSet set = new CocoSet(annotations != null ? annotations : defaults.annotations(),
                    images != null ? images : defaults.images());
            Map<String, String> options = new LinkedHashMap<>(known);
            options.put("split", "report");
            options.putAll(given);
            options.remove("images");
            options.remove("annotations");
            EvaluationSplit.parse(options.get("split")); // fail early on a bad split name
            return new Args(mainClass, set, options);
        }

        private static String usage(Map<String, String> known) {
            List<String> names = new ArrayList<>(List.of("--images DIR", "--annotations FILE", "--split tune|report|all"));
            known.forEach((k, v) -> names.add("--" + k + " " + v));
            return String.join(" ", names);
        }

        public EvaluationSplit split() {
            return EvaluationSplit.parse(options.get("split"));
        }

        public String get(String name) {
            String v = options.get(name);
            if (v == null) throw new IllegalArgumentException("no option --" + name);
            return v;
        }

        public double number(String name) {
            try {
                return Double.parseDouble(get(name));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a number, got '" + get(name) + "'");
            }
        }

        /** The Maven command that reproduces this run, every option spelled out. */
        public String command() {
            StringBuilder a = new StringBuilder("--images ").append(set.images()).append(" --annotations ")
                    .append(set.annotations());
            options.forEach((k, v) -> a.append(" --").append(k).append(' ').append(v));
            return "./mvnw -q compile exec:java -Dexec.mainClass=" + mainClass + " -Dexec.args=\"" + a + "\"";
        }
    }
}
