package io.maskmill.place;

import java.net.URI;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.maskmill.runtime.OnnxRuntime;
import io.maskmill.sample.ModelLocator;
import io.maskmill.sample.ModelsConfig;
import io.maskmill.store.StoreConfig;
import io.maskmill.store.StoreProducer;

/**
 * Opens {@code maskmill.place.model} on the shared {@link OnnxRuntime} (CUDA when configured and
 * present, CPU otherwise) as an {@link OnnxPlacementScorer}. The location is a local path, a
 * {@code file:} URI, or {@code s3://bucket/dir/model.onnx}: the folder {@code dir/} is downloaded once
 * into {@code maskmill.models.cache} (so an external weights file next to the model comes along).
 */
@ApplicationScoped
public class OnnxPlacementModels implements PlacementModelLoader {
    private final Instance<OnnxRuntime> runtime;
    private final PlaceConfig place;
    private final ModelsConfig models;
    private final StoreConfig store;

    public OnnxPlacementModels(Instance<OnnxRuntime> runtime, PlaceConfig place, ModelsConfig models,
            StoreConfig store) {
        this.runtime = runtime;
        this.place = place;
        this.models = models;
        this.store = store;
    }

    @Override
    public PlacementScorer load(String modelLocation) {
        return new OnnxPlacementScorer(runtime.get().session(localFile(modelLocation)), place.scales());
    }

    private Path localFile(String location) {
        if (location.startsWith("s3://")) {
            URI uri = URI.create(location);
            String path = uri.getPath();
            int slash = path.lastIndexOf('/');
            if (slash <= 0 || slash == path.length() - 1) {
                throw new IllegalArgumentException("maskmill.place.model " + location + " must name a model file in a folder, "
                        + "s3://bucket/dir/model.onnx");
            }
            ModelLocator locator = new ModelLocator(Path.of(models.cache()), () -> StoreProducer.s3Client(store.s3()));
            Path folder = locator.locate("s3://" + uri.getHost() + path.substring(0, slash + 1));
            return folder.resolve(path.substring(slash + 1));
        }
        return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }
}
