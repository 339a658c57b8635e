package io.maskmill.events;

/**
 * Input from outside (an event, an upload, a request) that can never succeed, however often it is
 * retried. Mapped to HTTP 400 so that Knative dead-letters it instead of redelivering it.
 */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
