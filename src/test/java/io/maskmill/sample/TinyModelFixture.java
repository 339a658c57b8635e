package io.maskmill.sample;

import java.nio.file.Path;

import io.maskmill.runtime.OnnxRuntime;
import io.maskmill.runtime.RuntimeSettings;
import io.maskmill.sample.model.TinyModelSet;
import io.maskmill.sample.model.TinyVariant;

/** Tiny models, written and prepared once per test JVM under target/, and one shared runtime. */
public final class TinyModelFixture {
    public static final Path CACHE = Path.of("target/tiny-models");
    public static final OnnxRuntime RUNTIME = new OnnxRuntime(RuntimeSettings.cpu().withThreads(1));

    private TinyModelFixture() {
    }

    public static Path prepared(TinyVariant variant) {
        return TinyModelSet.prepared(variant, CACHE);
    }

    public static DiffusionModel model(TinyVariant variant) {
        return DiffusionModel.load(prepared(variant), RUNTIME);
    }
}
