package io.maskmill.runtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code maskmill.runtime.*}: ONNX Runtime settings shared by every stage that runs a model. */
@ConfigMapping(prefix = "maskmill.runtime")
public interface RuntimeConfig {
    /** {@code auto} (CUDA when present), {@code cpu} or {@code cuda}. */
    @WithDefault("auto")
    ExecutionProvider provider();

    @WithDefault("0")
    int cudaDevice();

    /** Intra-op threads; 0 lets ONNX Runtime use one per core. */
    @WithDefault("0")
    int intraOpThreads();

    @WithDefault("0")
    int interOpThreads();

    @WithDefault("true")
    boolean cpuArena();

    @WithDefault("true")
    boolean memoryPattern();

    default RuntimeSettings settings() {
        return new RuntimeSettings(provider(), cudaDevice(), intraOpThreads(), interOpThreads(), cpuArena(),
                memoryPattern());
    }
}
