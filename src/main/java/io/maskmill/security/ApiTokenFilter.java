package io.maskmill.security;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.maskmill.events.ErrorBody;

/**
 * With tokens configured, every request to the jobs API (every JAX-RS resource: {@code /jobs/**})
 * needs {@code Authorization: Bearer <token>}. Health, metrics and OpenAPI under {@code /q} are not
 * JAX-RS resources and stay open.
 */
public class ApiTokenFilter {
    static final String MESSAGE = "missing or wrong bearer token";

    private final ApiTokens tokens;

    public ApiTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!tokens.required() || tokens.accepts(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return Optional.empty();
        }
        return Optional.of(Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(new ErrorBody(401, MESSAGE)).type(MediaType.APPLICATION_JSON).build());
    }
}
