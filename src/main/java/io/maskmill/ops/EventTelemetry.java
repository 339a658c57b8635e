package io.maskmill.ops;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.maskmill.events.EventType;
import io.maskmill.events.OutgoingEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * What Maskmill reports about its events, in one place for both ways events travel (the embedded
 * broker and Knative over HTTP): Micrometer meters for events in and out, per-stage latency and
 * samples by outcome, and OpenTelemetry spans whose context rides on every event as the CloudEvents
 * distributed-tracing extension ({@code traceparent}), so one sample's path through the stages is one trace.
 */
@ApplicationScoped
public class EventTelemetry {
    public static final String EVENTS_IN = "maskmill.events.in";
    public static final String EVENTS_OUT = "maskmill.events.out";
    public static final String STAGE_DURATION = "maskmill.stage.duration";
    public static final String SAMPLES = "maskmill.samples";
    public static final String STORE_ERRORS = "maskmill.store.errors";
    public static final String IN_FLIGHT = "maskmill.events.in.flight";
    /** The CloudEvents distributed-tracing extension attribute (and W3C header) name. */
    public static final String TRACEPARENT = "traceparent";

    private static final TextMapSetter<Map<String, String>> MAP_SETTER = Map::put;
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final MeterRegistry registry;
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    @Inject
    public EventTelemetry(MeterRegistry registry, OpenTelemetry otel) {
        this.registry = registry;
        this.tracer = otel.getTracer("io.maskmill");
        // W3C trace context whatever quarkus.otel.propagators says: it is what the CloudEvents extension carries
        this.propagator = io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator.getInstance();
        registry.gauge(IN_FLIGHT, inFlight);
    }

    /** For code that runs without CDI (benchmarks, unit tests): meters kept in memory, no traces. */
    public static EventTelemetry detached() {
        return new EventTelemetry(new SimpleMeterRegistry(), OpenTelemetry.noop());
    }

    public MeterRegistry registry() {
        return registry;
    }

    // ---- trace context on events

    /** The {@code traceparent} of {@code context}, if it holds a valid span. */
    public Optional<String> traceparent(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return Optional.empty();
        }
        Map<String, String> carrier = new java.util.HashMap<>();
        propagator.inject(context, carrier, MAP_SETTER);
        return Optional.ofNullable(carrier.get(TRACEPARENT));
    }

    /** The remote parent a {@code traceparent} names; the root context when it is absent or malformed. */
    public Context parent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return propagator.extract(Context.root(), Map.of(TRACEPARENT, traceparent.trim()), MAP_GETTER);
    }

    /** {@code event} carrying the current trace context, unless it already carries one. */
    public OutgoingEvent stamp(OutgoingEvent event, Context context) {
        if (event.traceparent() != null) {
            return event;
        }
        return traceparent(context).map(event::withTraceparent).orElse(event);
    }

    /**
     * Starts the span of one function handling one event: a child of the trace the event carries
     * (else of {@code fallback}, e.g. the HTTP server span), linked to {@code fallback} when they differ.
     */
    public Span startStage(String function, String type, String subject, String traceparent, Context fallback) {
        Context parent = parent(traceparent);
        boolean carried = Span.fromContext(parent).getSpanContext().isValid();
        SpanContext local = Span.fromContext(fallback).getSpanContext();
        var builder = tracer.spanBuilder(function + " " + type).setSpanKind(SpanKind.CONSUMER)
                .setParent(carried ? parent : fallback)
                .setAttribute("messaging.system", "cloudevents")
                .setAttribute("messaging.operation", "process")
                .setAttribute("messaging.destination.name", type)
                .setAttribute("maskmill.function", function);
        if (subject != null) {
            builder.setAttribute("cloudevents.event_subject", subject);
        }
        if (carried && local.isValid() && !local.getTraceId().equals(Span.fromContext(parent).getSpanContext().getTraceId())) {
            builder.addLink(local);
        }
        return builder.startSpan();
    }

    /**
     * Runs {@code function} on {@code event} as the embedded broker does: in a stage span carried on
     * from the event's trace, timed, counted in and out; the response (if any) carries the span's context.
     */
    public Optional<OutgoingEvent> handle(String function, OutgoingEvent event, Callable<Optional<OutgoingEvent>> call)
            throws Exception {
        eventIn(event.type());
        Span span = startStage(function, event.type().type(), event.subject(), event.traceparent(), Context.current());
        long start = System.nanoTime();
        inFlight.incrementAndGet();
        try (Scope scope = span.makeCurrent()) {
            Optional<OutgoingEvent> response = call.call();
            Optional<OutgoingEvent> stamped = response.map(r -> stamp(r, Context.current()));
            stamped.ifPresent(r -> eventOut(r.type()));
            stage(function, "ok", System.nanoTime() - start);
            return stamped;
        } catch (Exception | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            stage(function, "error", System.nanoTime() - start);
            if (event.subject() != null && event.subject().contains("/")) {
                sample("failed");
            }
            throw e;
        } finally {
            inFlight.decrementAndGet();
            span.end();
        }
    }

    // ---- meters

    public void eventIn(EventType type) {
        Counter.builder(EVENTS_IN).description("CloudEvents received by a function").tag("type", type.type())
                .register(registry).increment();
    }

    /** An event published or answered; completed and rejected samples are also counted as outcomes. */
    public void eventOut(EventType type) {
        Counter.builder(EVENTS_OUT).description("CloudEvents published or answered").tag("type", type.type())
                .register(registry).increment();
        if (type == EventType.SAMPLE_COMPLETED) {
            sample("completed");
        } else if (type == EventType.SAMPLE_REJECTED) {
            sample("rejected");
        }
    }

    /** A sample that ended one way or another: completed, rejected, failed (one count per failed attempt). */
    public void sample(String outcome) {
        Counter.builder(SAMPLES).description("Samples by outcome").tag("outcome", outcome).register(registry)
                .increment();
    }

    /** One function's handling of one event, by outcome ({@code ok} or {@code error}). */
    public void stage(String function, String outcome, long nanos) {
        timers.computeIfAbsent(function + "\u0000" + outcome, k -> Timer.builder(STAGE_DURATION)
                .description("Time a stage's function takes for one event").tag("stage", function)
                .tag("outcome", outcome).publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofMillis(1))
                .maximumExpectedValue(java.time.Duration.ofMinutes(10))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void storeError(String operation) {
        Counter.builder(STORE_ERRORS).description("Artifact store operations that failed (not missing objects)")
                .tag("operation", operation).register(registry).increment();
    }

    /** Requests being handled by a function right now (HTTP) or deliveries under way (embedded). */
    public AtomicInteger inFlight() {
        return inFlight;
    }
}
