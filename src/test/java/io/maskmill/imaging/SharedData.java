package io.maskmill.imaging;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real data, {@code ../shared/data} from the repository root (never copied into the repo). */
public final class SharedData {
    public static final Path ROOT = Path.of("..", "shared", "data");
    public static final Path COCO_MINI = ROOT.resolve("coco-mini");
    public static final Path COCO_INSTANCES = COCO_MINI.resolve("annotations/instances_train2017.json");
    public static final Path COCO_IMAGES = COCO_MINI.resolve("train2017");

    private SharedData() {
    }

    /** {@code relative} under the shared data root; fails with the absolute path it looked at when absent. */
    public static Path require(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException("shared test data missing: " + path.toAbsolutePath().normalize()
                    + " (tests expect /work/shared/data next to the repository, read as ../shared/data)");
        }
        return path;
    }
}
