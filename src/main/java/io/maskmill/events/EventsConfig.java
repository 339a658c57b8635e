package io.maskmill.events;

import java.net.URI;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code maskmill.events.*}: how published events travel. */
@ConfigMapping(prefix = "maskmill.events")
public interface EventsConfig {
    enum Dispatch {
        /** The embedded broker routes each event to its function in this JVM. */
        IN_PROCESS,
        /** Events go to a Knative Broker over HTTP. */
        HTTP
    }

    @WithDefault("in-process")
    Dispatch dispatch();

    /** The broker ingress; falls back to {@code K_SINK}, which a Knative SinkBinding injects. */
    Optional<URI> sinkUrl();

    /** The {@code source} attribute of events this instance emits. */
    @WithDefault("/maskmill")
    String source();
}
