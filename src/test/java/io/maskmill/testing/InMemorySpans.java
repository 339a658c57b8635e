package io.maskmill.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Where the tests' spans go (quarkus.otel.traces.exporter=cdi takes every SpanExporter bean; the
 * test profile turns OTLP off and exports each span as it ends): the OpenTelemetry SDK's own
 * in-memory exporter.
 */
@ApplicationScoped
public class InMemorySpans {
    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
