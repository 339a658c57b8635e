package io.maskmill.ingest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

import io.maskmill.events.ErrorBody;
import io.maskmill.events.EventDeliveryException;
import io.maskmill.events.InvalidInputException;
import io.maskmill.store.NoSuchArtifactException;
import io.maskmill.store.StoreException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * How the jobs API answers failures (a JSON {@link ErrorBody} that says what is wrong). The token check is
 * {@link io.maskmill.security.ApiTokenFilter}.
 */
public class ApiErrors {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ApiErrors.class);
    /** What a 503 asks a client to wait; the store client has already retried for a few seconds. */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e) {
        return answer(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        Throwable cause = e.getCause();
        if (e instanceof JsonMappingException && cause instanceof InvalidInputException) {
            return answer(400, cause.getMessage());
        }
        return answer(400, "invalid JSON" + where + ": " + e.getOriginalMessage());
    }

    /**
     * Quarkus REST wraps body-parsing failures; unwrap them so the client learns where the JSON broke.
     * Its own answers (404 no such path, 405 wrong method, 415 wrong content type) get a JSON body too.
     */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException json) {
                return json(json);
            }
        }
        int status = e.getResponse().getStatus();
        Response.ResponseBuilder answer = Response.fromResponse(e.getResponse())
                .entity(new ErrorBody(status, webMessage(status, e))).type(MediaType.APPLICATION_JSON);
        return answer.build();
    }

    private static String webMessage(int status, WebApplicationException e) {
        return switch (status) {
            case 404 -> "no such resource (the jobs API is POST /jobs, GET /jobs/{id}, POST /jobs/{id}/export)";
            case 405 -> "method not allowed here" + allowed(e);
            case 415 -> "send the job request as JSON: Content-Type: application/json";
            default -> e.getMessage() == null ? "request failed (" + status + ")" : e.getMessage();
        };
    }

    private static String allowed(WebApplicationException e) {
        var methods = e.getResponse().getAllowedMethods();
        return methods == null || methods.isEmpty() ? "" : "; allowed: " + new java.util.TreeSet<>(methods);
    }

    @ServerExceptionMapper
    public Response conflict(JobConflictException e) {
        return answer(409, e.getMessage());
    }

    @ServerExceptionMapper
    public Response missing(NoSuchArtifactException e) {
        return answer(404, e.getMessage());
    }

    /** The store failed (unreachable, or unavailable after retries): nothing was lost, try again later. */
    @ServerExceptionMapper
    public Response unavailable(StoreException e) {
        return retryLater(e.getMessage());
    }

    /** An SDK failure that escaped the store's own handling is still an outage, not a bug in the request. */
    @ServerExceptionMapper
    public Response unavailable(SdkException e) {
        return retryLater("the store failed: " + e.getMessage());
    }

    /** The last word: whatever else went wrong is a 500 that says what, never an empty body or a dropped connection. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (e instanceof WebApplicationException web) {
            return web(web);
        }
        LOG.error("Jobs API request failed", e);
        return answer(500, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static Response retryLater(String message) {
        return Response.status(503).header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(new ErrorBody(503, message + " (the store is unavailable; retry later)"))
                .type(MediaType.APPLICATION_JSON).build();
    }

    @ServerExceptionMapper
    public Response undelivered(EventDeliveryException e) {
        return Response.status(503).header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(new ErrorBody(503, e.getMessage())).type(MediaType.APPLICATION_JSON).build();
    }

    private static Response answer(int status, String message) {
        return Response.status(status).entity(new ErrorBody(status, message)).type(MediaType.APPLICATION_JSON).build();
    }
}
