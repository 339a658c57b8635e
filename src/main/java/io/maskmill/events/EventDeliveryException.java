package io.maskmill.events;

/** The broker did not take an event; the caller's caller (Knative) retries. */
public class EventDeliveryException extends RuntimeException {
    public EventDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
