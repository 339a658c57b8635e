package io.maskmill.ops;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The trace context code is running in. Funqy calls functions on a worker thread of its own, where
 * OpenTelemetry's current context is not the request's, so the stage span that
 * {@link FunctionRequests} opens for an HTTP event is kept on the request and found from there.
 */
@ApplicationScoped
public class TraceContexts {
    static final String STAGE_CONTEXT = "maskmill.stage.context";

    public Context current() {
        Context current = Context.current();
        Context request = fromRequest();
        if (request != null) {
            return request;
        }
        return current;
    }

    private static Context fromRequest() {
        ArcContainer arc = Arc.container();
        if (arc == null || !arc.requestContext().isActive()) {
            return null;
        }
        CurrentVertxRequest request = arc.instance(CurrentVertxRequest.class).get();
        RoutingContext rc = request == null ? null : request.getCurrent();
        if (rc == null) {
            return null;
        }
        Context stage = rc.get(STAGE_CONTEXT);
        return stage != null && Span.fromContext(stage).getSpanContext().isValid() ? stage : null;
    }
}
