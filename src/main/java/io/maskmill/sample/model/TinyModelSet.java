package io.maskmill.sample.model;

import java.nio.file.Files;
import java.nio.file.Path;

import io.maskmill.sample.prepare.ModelManifest;
import io.maskmill.sample.prepare.ModelPreparer;

/** Tiny models written and prepared on first use under a cache folder (the embedded default, tests). */
public final class TinyModelSet {
    private TinyModelSet() {
    }

    /** The prepared folder of {@code variant} under {@code cache}, made once (later calls reuse it). */
    public static synchronized Path prepared(TinyVariant variant, Path cache) {
        Path target = cache.resolve(variant.folderName());
        if (Files.isRegularFile(target.resolve(ModelManifest.FILE))) {
            return target;
        }
        Path raw = TinyModels.write(variant, cache.resolve(variant.folderName() + "-diffusers"));
        ModelPreparer.prepare(raw, target, options(variant));
        return target;
    }

    /** How {@code prepare} is run for each variant: its family's sampling defaults. */
    public static ModelPreparer.Options options(TinyVariant variant) {
        ModelPreparer.Options o = new ModelPreparer.Options(variant.folderName(), TinyUnet.LATENT, -1, null,
                TinyModels.SCALING_FACTOR, null, 20, 7.5);
        return switch (variant) {
            case TURBO -> o.withSampling(1, 0);
            case LCM -> o.withSampling(4, 8);
            default -> o;
        };
    }
}
