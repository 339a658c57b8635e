package io.maskmill.ledger;

import java.util.Locale;
import java.util.Optional;

/**
 * How a sample ended. Completed and rejected are final: no later event changes them. A failure is
 * final for the job's count (the job is "failed" once every sample ended and some failed) but not
 * for the sample: a resume drives it again, and its completion then replaces the failure.
 */
public enum Outcome {
    COMPLETED, REJECTED, FAILED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this != FAILED;
    }

    public static Optional<Outcome> ofKey(String key) {
        for (Outcome o : values()) {
            if (o.key().equals(key)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
