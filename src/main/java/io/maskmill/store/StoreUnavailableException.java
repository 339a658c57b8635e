package io.maskmill.store;

/**
 * The store could not be reached, or kept failing transiently (connection refused, time-outs, 5xx,
 * throttling), after the store client's own retries. Nothing about the request was wrong: the same
 * call succeeds once the store is back, so functions answer 503 and the broker redelivers.
 */
public class StoreUnavailableException extends StoreException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
