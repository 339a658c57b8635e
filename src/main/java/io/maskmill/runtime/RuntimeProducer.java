package io.maskmill.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one {@link OnnxRuntime} of this instance, from {@code maskmill.runtime.*}; every stage's models share it. */
@ApplicationScoped
public class RuntimeProducer {

    @Produces
    @Singleton
    OnnxRuntime runtime(RuntimeConfig config) {
        return new OnnxRuntime(config.settings());
    }

    void close(@Disposes OnnxRuntime runtime) {
        runtime.close();
    }
}
