package io.maskmill.ingest;

/** A job id that already names a different job; the existing job is left as it is. */
public class JobConflictException extends RuntimeException {
    public JobConflictException(String message) {
        super(message);
    }
}
