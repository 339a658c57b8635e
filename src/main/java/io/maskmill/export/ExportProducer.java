package io.maskmill.export;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.store.ArtifactStore;

/** The export service over the configured store and {@code maskmill.export.*} settings. */
@ApplicationScoped
public class ExportProducer {
    @Produces
    @Singleton
    ExportService exportService(ArtifactStore store, ObjectMapper json, ExportConfig config) {
        return new ExportService(store, json, config.settings());
    }
}
