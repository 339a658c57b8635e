package io.maskmill.embedded;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.EventSink;
import io.maskmill.events.EventsConfig;
import io.maskmill.events.HttpEventSink;
import io.maskmill.ops.EventTelemetry;
import io.maskmill.ops.ObservedEventSink;
import io.maskmill.ops.TraceContexts;

/** Chooses where published events go: the embedded broker, or the Knative Broker over HTTP. */
@ApplicationScoped
public class EventSinkProducer {
    private static final Logger LOG = Logger.getLogger(EventSinkProducer.class);

    @Produces
    @Singleton
    EventSink sink(EventsConfig config, Instance<EmbeddedBroker> embedded, ObjectMapper json, EventTelemetry telemetry,
            TraceContexts contexts) {
        EventSink sink = switch (config.dispatch()) {
            case IN_PROCESS -> embedded.get();
            case HTTP -> new HttpEventSink(config.sinkUrl()
                    .or(() -> Optional.ofNullable(System.getenv("K_SINK")).map(URI::create))
                    .orElseThrow(() -> new IllegalStateException("maskmill.events.dispatch=http needs"
                            + " maskmill.events.sink-url or the K_SINK variable (a Knative SinkBinding sets it)")),
                    json);
        };
        LOG.infof("Events published to: %s", sink);
        // each event carries its publisher's trace context and is counted, whichever way it travels
        return new ObservedEventSink(sink, telemetry, contexts);
    }
}
