package io.maskmill.place;

/**
 * An object (or a whole sample) that cannot be placed, with the reason. Not an error of the stage:
 * the reason is recorded and the sample passed on without that object.
 */
public class Unplaceable extends RuntimeException {
    public Unplaceable(String reason) {
        super(reason, null, false, false);
    }
}
