package io.maskmill.store;

/** The store itself failed (I/O, network, permissions): worth retrying, unlike bad input. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
