package io.maskmill.events;

/** The JSON body of every error answer, from the functions and the jobs API alike. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "What went wrong, and where")
public record ErrorBody(int status, String error) {

    /** Ends a Vert.x route's response with this body (the message as plain text if it cannot be written as JSON). */
    public static void send(io.vertx.ext.web.RoutingContext rc, com.fasterxml.jackson.databind.ObjectMapper json,
            int status, String message) {
        try {
            rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(io.vertx.core.buffer.Buffer.buffer(json.writeValueAsBytes(new ErrorBody(status, message))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            rc.response().setStatusCode(status).end(message);
        }
    }
}
