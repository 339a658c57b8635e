package io.maskmill.ops;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.EventType;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Watches every CloudEvent a function receives over HTTP (Knative's way): opens the stage span in
 * the trace the event carries ({@code ce-traceparent} in binary mode, the {@code traceparent}
 * attribute in structured mode, else the W3C {@code traceparent} header through the server span),
 * times and counts the request, and stamps the span on the response event ({@code ce-traceparent}),
 * which the broker routes to the next stage.
 */
@ApplicationScoped
public class FunctionRequests {
    /** After the CloudEvent gate (-100), before Funqy. */
    private static final int ORDER = -90;

    private final EventTelemetry telemetry;
    private final ObjectMapper json;

    public FunctionRequests(EventTelemetry telemetry, ObjectMapper json) {
        this.telemetry = telemetry;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::observe);
    }

    private void observe(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        Optional<Inbound> inbound = request.method() == HttpMethod.POST ? inbound(rc) : Optional.empty();
        if (inbound.isEmpty()) {
            rc.next();
            return;
        }
        EventType type = inbound.get().type();
        String function = type.consumer().orElse("?");
        telemetry.eventIn(type);
        Span span = telemetry.startStage(function, type.type(), inbound.get().subject(), inbound.get().traceparent(),
                Context.current());
        Context stage = Context.current().with(span);
        rc.put(TraceContexts.STAGE_CONTEXT, stage);
        long start = System.nanoTime();
        telemetry.inFlight().incrementAndGet();
        HttpServerResponse response = rc.response();
        rc.addHeadersEndHandler(v -> {
            if (response.headers().get("ce-type") != null) {
                telemetry.traceparent(stage).ifPresent(tp -> response.putHeader("ce-traceparent", tp));
            }
        });
        // called once, when the response has ended or the connection closed under it
        rc.addEndHandler(v -> finish(rc, span, function, inbound.get(), start));
        rc.next();
    }

    private void finish(RoutingContext rc, Span span, String function, Inbound inbound, long start) {
        telemetry.inFlight().decrementAndGet();
        HttpServerResponse response = rc.response();
        int status = response.getStatusCode();
        boolean ok = status / 100 == 2;
        telemetry.stage(function, ok ? "ok" : "error", System.nanoTime() - start);
        String out = response.headers().get("ce-type");
        if (ok && out != null) {
            EventType.of(out).ifPresent(telemetry::eventOut);
        }
        if (!ok && inbound.subject() != null && inbound.subject().contains("/")) {
            telemetry.sample("failed");
        }
        span.setAttribute("http.response.status_code", status);
        if (!ok) {
            span.setStatus(StatusCode.ERROR, "answered " + status);
        }
        span.end();
    }

    private record Inbound(EventType type, String subject, String traceparent) {
    }

    /** The event's type, subject and trace context, if this is a CloudEvent the gate let through. */
    private Optional<Inbound> inbound(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String contentType = Optional.ofNullable(request.getHeader("Content-Type")).orElse("");
        if (contentType.startsWith("application/cloudevents+json")) {
            try {
                JsonNode event = json.readTree(rc.body().buffer().getBytes());
                return EventType.of(event.path("type").asText()).map(t -> new Inbound(t,
                        event.path("subject").asText(null), event.path("traceparent").asText(null)));
            } catch (java.io.IOException | RuntimeException e) {
                return Optional.empty(); // the gate answers malformed events; nothing to observe
            }
        }
        String type = request.getHeader("ce-type");
        return type == null ? Optional.empty()
                : EventType.of(type).map(t -> new Inbound(t, request.getHeader("ce-subject"),
                        request.getHeader("ce-traceparent")));
    }
}
