package io.maskmill.security;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.ErrorBody;
import io.maskmill.events.EventType;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards Funqy's CloudEvent routes ({@code /} and {@code /<function>}), which start and advance
 * jobs just as {@code POST /jobs} does. On an instance with {@code maskmill.api.event-routes=false}
 * (the public jobs API) they do not exist: 404. Elsewhere, with tokens configured, each event needs
 * the bearer token like any jobs request. Runs before the CloudEvent gate, so an unauthenticated
 * caller learns nothing about what the gate would accept.
 */
@ApplicationScoped
public class EventRouteGuard {
    /** Before {@code CloudEventGate} (-100) and Funqy's routes. */
    private static final int ORDER = -110;

    private final ApiConfig config;
    private final ApiTokens tokens;
    private final ObjectMapper json;

    public EventRouteGuard(ApiConfig config, ApiTokens tokens, ObjectMapper json) {
        this.config = config;
        this.tokens = tokens;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::guard);
    }

    private void guard(RoutingContext rc) {
        if (!isEventRoute(rc.request().path())) {
            rc.next();
        } else if (!config.eventRoutes()) {
            answer(rc, 404, "this instance serves the jobs API only (maskmill.api.event-routes=false);"
                    + " events go to the Broker");
        } else if (tokens.required() && !tokens.accepts(rc.request().getHeader("Authorization"))) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            answer(rc, 401, ApiTokenFilter.MESSAGE);
        } else {
            rc.next();
        }
    }

    private void answer(RoutingContext rc, int status, String message) {
        ErrorBody.send(rc, json, status, message);
    }

    /**
     * {@code /} or {@code /<a function EventType names as a consumer>} or one of its Funqy aliases
     * ({@code /<consumer>-<type>}, e.g. {@code /sample-batch}), with or without a trailing slash.
     */
    static boolean isEventRoute(String path) {
        String name = path.replaceAll("^/+|/+$", "");
        return name.isEmpty() || EventType.consumerNamed(name).isPresent();
    }
}
