package io.maskmill.store;

/** The key names no object. */
public class NoSuchArtifactException extends RuntimeException {
    public NoSuchArtifactException(String message) {
        super(message);
    }

    public static NoSuchArtifactException at(String where) {
        return new NoSuchArtifactException("no artifact at " + where);
    }
}
