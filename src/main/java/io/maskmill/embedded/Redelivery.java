package io.maskmill.embedded;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.maskmill.events.EventDeliveryException;
import io.maskmill.events.OutgoingEvent;
import io.maskmill.store.StoreException;

/**
 * The embedded broker's redelivery policy, as a Knative Trigger's {@code delivery} is the cluster's:
 * an event whose function failed for a reason that passes (the store unreachable or failing, an
 * event that could not be published) is delivered again after an exponential back-off with jitter,
 * a bounded number of times; bad input is never retried. Attempts are counted per event id.
 */
@ApplicationScoped
public class Redelivery {
    private static final Logger LOG = Logger.getLogger(Redelivery.class);

    private final int attempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "maskmill-redelivery");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public Redelivery(@ConfigProperty(name = "maskmill.embedded.redelivery.attempts", defaultValue = "8") int attempts,
            @ConfigProperty(name = "maskmill.embedded.redelivery.base-delay", defaultValue = "1s") Duration baseDelay,
            @ConfigProperty(name = "maskmill.embedded.redelivery.max-delay", defaultValue = "30s") Duration maxDelay) {
        if (attempts < 1) {
            throw new IllegalArgumentException("maskmill.embedded.redelivery.attempts must be at least 1, was " + attempts);
        }
        this.attempts = attempts;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
    }

    /** The defaults: 8 attempts, 1 s doubling to 30 s (about 90 s in all, enough for a store restart). */
    public static Redelivery defaults() {
        return new Redelivery(8, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** Whether a failure passes: the store or the event transport failed, not the event itself. */
    static boolean isTransient(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof StoreException || c instanceof EventDeliveryException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Schedules {@code again} to run after this event's next back-off, if the failure is transient
     * and attempts are left; false when the failure is final (then the caller records it).
     */
    boolean later(OutgoingEvent event, Throwable failure, Runnable again) {
        if (!isTransient(failure)) {
            failures.remove(event.id());
            return false;
        }
        int failed = failures.merge(event.id(), 1, Integer::sum);
        if (failed >= attempts) {
            failures.remove(event.id());
            LOG.warnf("%s %s failed %d times; giving up: %s", event.type(), event.id(), failed, failure.getMessage());
            return false;
        }
        Duration delay = delay(failed);
        LOG.infof("%s %s failed (%s); delivering it again in %d ms (attempt %d of %d)", event.type(), event.id(),
                failure.getMessage(), delay.toMillis(), failed + 1, attempts);
        try {
            timer.schedule(again, delay.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException shuttingDown) {
            return false;
        }
    }

    /** The event went through (or ended for good): forget its count. */
    void settled(OutgoingEvent event) {
        failures.remove(event.id());
    }

    /** Runs {@code task} after {@code delay}, for work that must not be dropped (recording a failure). */
    boolean after(Duration delay, Runnable task) {
        try {
            timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException shuttingDown) {
            return false;
        }
    }

    int attempts() {
        return attempts;
    }

    /** Full jitter over an exponential ceiling, as the AWS SDK backs off: spreads redeliveries apart. */
    Duration delay(int failed) {
        long ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(failed - 1, 20));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
