package io.maskmill.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.ErrorBody;
import io.maskmill.security.ApiTokens;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP answers that never reach the jobs API's exception mappers, given a JSON body too: a
 * request for a path nothing serves, and a job posted with an empty body (which Quarkus REST would
 * otherwise wait on for ever once the body has been read for the CloudEvent gate).
 */
@ApplicationScoped
public class HttpErrorBodies {
    /** Before Quarkus REST's route and after the body handler, like the CloudEvent gate. */
    private static final int ORDER = -90;

    private final ObjectMapper json;
    private final ApiTokens tokens;

    public HttpErrorBodies(ObjectMapper json, ApiTokens tokens) {
        this.json = json;
        this.tokens = tokens;
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, "/jobs").order(ORDER).handler(this::emptyJobRequest);
        router.errorHandler(404, rc -> answer(rc, 404, "no such resource: " + rc.request().method() + " "
                + rc.request().path() + " (the jobs API is under /jobs; events go to / or /<function>)"));
        router.errorHandler(405, rc -> answer(rc, 405, "method " + rc.request().method() + " is not allowed on "
                + rc.request().path()));
    }

    private void emptyJobRequest(RoutingContext rc) {
        // without a valid token the API's token filter answers 401 first, and reads no body
        boolean unauthorised = tokens.required() && !tokens.accepts(rc.request().getHeader("Authorization"));
        if (rc.body() == null || rc.body().length() > 0 || unauthorised) {
            rc.next();
            return;
        }
        answer(rc, 400, "the request body is empty: send a JSON job request such as"
                + " {\"prompts\": [\"dog: a dog on the grass\"], \"imagesPerClass\": 2}");
    }

    private void answer(RoutingContext rc, int status, String message) {
        if (rc.response().ended()) {
            return;
        }
        ErrorBody.send(rc, json, status, message);
    }
}
