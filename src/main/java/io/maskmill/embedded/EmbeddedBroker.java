package io.maskmill.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.EventSink;
import io.maskmill.events.OutgoingEvent;
import io.maskmill.ledger.Failures;
import io.quarkus.runtime.ShutdownEvent;

/**
 * The Knative Broker's stand-in for one JVM: each published event goes to the function its type
 * names as consumer ({@link io.maskmill.events.EventType}, the same table the Triggers follow),
 * and the function's response event is published in turn. A pool of workers delivers, jobs in turn ({@link FairWorkerPool}).
 * A failure becomes a {@code maskmill.sample.failed} event for the ledger and is reported to listeners.
 */
@ApplicationScoped
@Typed(EmbeddedBroker.class) // offered as an EventSink only through EventSinkProducer's choice
public class EmbeddedBroker implements EventSink {
    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class);

    private final FunctionCatalog functions;
    private final ObjectMapper json;
    private final List<BrokerListener> listeners = new CopyOnWriteArrayList<>();
    /** {@value FairWorkerPool#WORKERS} workers (default: the cores), shared by jobs in turn; see DeliveryOrder. */
    private final FairWorkerPool worker = FairWorkerPool.configured("maskmill-embedded-broker");
    private final Object idle = new Object();
    private int inFlight;

    private final Redelivery redelivery;

    @Inject
    public EmbeddedBroker(FunctionCatalog functions, ObjectMapper json, Redelivery redelivery) {
        this.functions = functions;
        this.json = json;
        this.redelivery = redelivery;
    }

    public EmbeddedBroker(FunctionCatalog functions, ObjectMapper json) {
        this(functions, json, Redelivery.defaults());
    }

    @Override
    public void publish(OutgoingEvent event) {
        synchronized (idle) {
            inFlight++;
        }
        try {
            worker.execute(DeliveryOrder.of(event), () -> deliver(event));
        } catch (RejectedExecutionException shuttingDown) {
            // in-process events are not durable: at shutdown they go, and say so
            LOG.warnf("Shutting down: %s %s not delivered", event.type(), event.id());
            settle();
        }
    }

    private void settle() {
        synchronized (idle) {
            if (--inFlight == 0) {
                idle.notifyAll();
            }
        }
    }

    private void deliver(OutgoingEvent event) {
        try {
            Optional<String> consumer = event.type().consumer();
            Optional<OutgoingEvent> response = Optional.empty();
            if (consumer.isPresent()) {
                response = functions.invoke(consumer.get(), event);
            }
            redelivery.settled(event);
            listeners.forEach(l -> l.delivered(event));
            response.ifPresent(this::publish);
        } catch (Throwable failure) {
            if (redeliverLater(event, failure)) {
                return;
            }
            LOG.debugf(failure, "%s failed on %s", event.type().consumer().orElse("?"), event.id());
            recordFailure(event, failure);
            listeners.forEach(l -> l.failed(event, failure));
        } finally {
            settle();
        }
    }

    /** A transient failure ({@link Redelivery}): the same event again later; until then the broker is not idle. */
    private boolean redeliverLater(OutgoingEvent event, Throwable failure) {
        synchronized (idle) {
            inFlight++;
        }
        if (redelivery.later(event, failure, () -> {
            publish(event);
            settle();
        })) {
            return true;
        }
        settle();
        return false;
    }

    /** The ledger records the sample's failure (its reason shows in the job's status); resume drives it again. */
    private void recordFailure(OutgoingEvent event, Throwable failure) {
        try {
            List<OutgoingEvent> failed = Failures.of(event, failure, json); // one per sample (a batch names several)
            if (failed.isEmpty()) {
                // final, and no ledger records it (the ledger's own failures): say so loudly
                LOG.errorf("%s failed on %s for good, unrecorded: %s", event.type().consumer().orElse("?"), event.id(),
                        failure.getMessage());
            }
            failed.forEach(this::publish);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not record the failure of %s", event.id());
        }
    }

    /** Blocks until every published event and all that followed from it have been delivered. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /** The delivery workers (the {@code generate --workers} option sets their number). */
    public FairWorkerPool workers() {
        return worker;
    }

    public void addListener(BrokerListener listener) {
        listeners.add(listener);
    }

    public void removeListener(BrokerListener listener) {
        listeners.remove(listener);
    }

    /**
     * On shutdown, before any bean is destroyed: take no more events, drop the queued ones and let
     * the deliveries under way finish, so no stage is still running a model whose session is being closed.
     */
    void stop(@Observes(notifyObserver = Reception.IF_EXISTS) ShutdownEvent event) {
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(Duration.ofSeconds(60))) {
                LOG.warn("A delivery was still running 60 s after shutdown began");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void destroy() {
        worker.shutdownNow();
    }

    @Override
    public String toString() {
        return "embedded broker";
    }
}
