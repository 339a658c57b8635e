package io.maskmill.store;

/** A create-only write ({@link ArtifactStore#create}) found an object already under the key. */
public class ArtifactExistsException extends RuntimeException {
    public ArtifactExistsException(String where) {
        super("an artifact already exists at " + where);
    }
}
