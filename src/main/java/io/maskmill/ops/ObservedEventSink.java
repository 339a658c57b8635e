package io.maskmill.ops;

import io.maskmill.events.EventSink;
import io.maskmill.events.OutgoingEvent;

/**
 * Every sink's front: stamps the publisher's trace context on the event (the CloudEvents
 * {@code traceparent} extension), so whatever handles it next continues the same trace, and counts it.
 */
public final class ObservedEventSink implements EventSink {
    private final EventSink sink;
    private final EventTelemetry telemetry;
    private final TraceContexts contexts;

    public ObservedEventSink(EventSink sink, EventTelemetry telemetry, TraceContexts contexts) {
        this.sink = sink;
        this.telemetry = telemetry;
        this.contexts = contexts;
    }

    @Override
    public void publish(OutgoingEvent event) {
        sink.publish(telemetry.stamp(event, contexts.current()));
        telemetry.eventOut(event.type());
    }

    @Override
    public String toString() {
        return sink.toString();
    }
}
