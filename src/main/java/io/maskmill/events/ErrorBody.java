package io.maskmill.events;

/** The JSON body of every error answer, from the functions and the jobs API alike. */
public record ErrorBody(int status, String error) {
}
