package io.maskmill.sample;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.maskmill.runtime.OnnxRuntime;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.StoreConfig;
import io.maskmill.store.StoreProducer;

/** Builds the sample service once per instance from {@code maskmill.sample.*} and {@code maskmill.models.*}. */
@ApplicationScoped
public class SampleStageProducer {

    @Produces
    @Singleton
    SampleService sampleService(ArtifactStore store, OnnxRuntime runtime, SampleConfig sample, ModelsConfig models,
            StoreConfig storeConfig, BatchSize batchSize) {
        ModelLocator locator = new ModelLocator(Path.of(models.cache()), () -> StoreProducer.s3Client(storeConfig.s3()));
        SampleService.Defaults defaults = new SampleService.Defaults(models.uri().orElse(null), sample.steps().orElse(null),
                sample.guidance().orElse(null), sample.scheduler().map(SampleService::schedulerKind).orElse(null),
                SampleSettings.parseWeights(sample.resolutionWeights()), sample.selfAttention());
        return new SampleService(store, runtime, locator, defaults, batchSize);
    }
}
