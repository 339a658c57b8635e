package io.maskmill.events;

/** The JSON body of every error answer, from the functions and the jobs API alike. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "What went wrong, and where")
public record ErrorBody(int status, String error) {
}
