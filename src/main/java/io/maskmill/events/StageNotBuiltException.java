package io.maskmill.events;

/**
 * Reached a stage whose implementation has not landed yet. Said plainly, so no run ever looks as if
 * the stage had produced output; answered with HTTP 501.
 */
public class StageNotBuiltException extends RuntimeException {
    private final String stage;

    public StageNotBuiltException(String stage, String tracking) {
        super("the " + stage + " stage is not built yet (" + tracking + "); it produced no output");
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }
}
