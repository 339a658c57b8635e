package io.maskmill.ledger;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code maskmill.ledger.*}: resuming jobs and re-driving stalled samples. */
@ConfigMapping(prefix = "maskmill.ledger")
public interface LedgerConfig {
    /**
     * Resume every unfinished job of the store when the service starts with the embedded broker
     * (in-process events die with the JVM; the store remembers where each sample got to).
     */
    @WithDefault("true")
    boolean resumeOnStart();

    /** A sample that has not moved to its next stage for this long is driven again (cluster: lost events). */
    @WithDefault("PT30M")
    Duration stallAfter();

    /** How often the ledger looks for stalled samples; {@code PT0S} turns re-driving off. */
    @WithDefault("PT1M")
    Duration sweepEvery();

    /** Re-drive stalled samples: auto (only when events go to a Knative Broker), always, never. */
    @WithDefault("auto")
    String redrive();
}
