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

/**
 * How the jobs API answers failures (a JSON {@link ErrorBody} that says what is wrong). The token check is
 * {@link io.maskmill.security.ApiTokenFilter}.
 */
public class ApiErrors {
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

    /** Quarkus REST wraps body-parsing failures; unwrap them so the client learns where the JSON broke. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException json) {
                return json(json);
            }
        }
        return e.getResponse();
    }

    @ServerExceptionMapper
    public Response conflict(JobConflictException e) {
        return answer(409, e.getMessage());
    }

    @ServerExceptionMapper
    public Response missing(NoSuchArtifactException e) {
        return answer(404, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unavailable(StoreException e) {
        return answer(503, e.getMessage());
    }

    @ServerExceptionMapper
    public Response undelivered(EventDeliveryException e) {
        return answer(503, e.getMessage());
    }

    private static Response answer(int status, String message) {
        return Response.status(status).entity(new ErrorBody(status, message)).type(MediaType.APPLICATION_JSON).build();
    }
}
