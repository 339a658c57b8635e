package io.maskmill.ledger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.EventsConfig;
import io.maskmill.ingest.JobPlan;
import io.maskmill.ingest.JobRecords;
import io.maskmill.store.ArtifactStore;
import io.quarkus.runtime.StartupEvent;

/**
 * In the cluster an event can be lost outright (a pod killed between taking an event and answering,
 * a broker restart): its sample then never moves again. The ledger instance looks at its unfinished
 * jobs every {@code maskmill.ledger.sweep-every}; a sample that has not ended and whose furthest
 * stage has not changed for {@code maskmill.ledger.stall-after} is driven on again (from its last
 * complete stage, so nothing finished is recomputed). The job shows {@code stalled} meanwhile.
 * Failed samples are left alone: they wait for {@code POST /jobs/{id}/resume}.
 */
@ApplicationScoped
public class StallSweeper {
    private static final Logger LOG = Logger.getLogger(StallSweeper.class);

    private record Seen(String at, long since) {
    }

    private final JobResumer resumer;
    private final JobLedger ledger;
    private final JobRecords jobs;
    private final ArtifactStore store;
    private final ObjectMapper json;
    private final LedgerConfig config;
    private final Map<String, Seen> seen = new HashMap<>();
    private final Map<String, Integer> reported = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService timer;

    public StallSweeper(JobResumer resumer, JobLedger ledger, JobRecords jobs, ArtifactStore store, ObjectMapper json,
            LedgerConfig config) {
        this.resumer = resumer;
        this.ledger = ledger;
        this.jobs = jobs;
        this.store = store;
        this.json = json;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event, EventsConfig events,
            @ConfigProperty(name = "quarkus.funqy.export") Optional<String> exported) {
        // auto: the ledger's own instance in the cluster (one sweeper, not one per API or stage pod)
        boolean on = switch (config.redrive()) {
            case "always" -> true;
            case "never" -> false;
            default -> events.dispatch() == EventsConfig.Dispatch.HTTP
                    && exported.map(LedgerFunction.NAME::equals).orElse(false);
        };
        if (!on || config.sweepEvery().isZero()) {
            return;
        }
        long every = config.sweepEvery().toMillis();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "maskmill-stall-sweep");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
        LOG.infof("Re-driving samples stalled for %s, looking every %s", config.stallAfter(), config.sweepEvery());
    }

    /** For tests: the time the sweep measures stalls by. */
    void clock(Clock clock) {
        this.clock = clock;
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("Stall sweep failed; trying again next time", e);
        }
    }

    /** One look at every unfinished job; returns how many samples were driven again. */
    public synchronized int sweep() {
        long now = clock.millis();
        long stallAfter = config.stallAfter().toMillis();
        int redriven = 0;
        for (String job : resumer.unfinishedJobs()) {
            Map<String, Outcome> ended = ledger.outcomes(job);
            Map<String, String> at = resumer.positions(job);
            List<String> stalled = new ArrayList<>();
            for (JobPlan.PlannedSample p : jobs.samples(job)) {
                if (ended.containsKey(p.sampleId())) {
                    seen.remove(job + "/" + p.sampleId());
                    continue;
                }
                String where = at.getOrDefault(p.sampleId(), "");
                Seen before = seen.get(job + "/" + p.sampleId());
                if (before == null || !before.at().equals(where)) {
                    seen.put(job + "/" + p.sampleId(), new Seen(where, now));
                } else if (now - before.since() >= stallAfter) {
                    stalled.add(p.sampleId());
                    seen.put(job + "/" + p.sampleId(), new Seen(where, now));
                }
            }
            if (!stalled.isEmpty()) {
                LOG.warnf("Job %s: %d samples have not moved for %s; driving them again", job, stalled.size(),
                        Duration.ofMillis(stallAfter));
                redriven += resumer.drive(job, stalled, at);
            }
            if (stalled.size() != reported.getOrDefault(job, 0)) {
                report(job, stalled.size());
            }
        }
        return redriven;
    }

    private void report(String job, int stalled) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("samples", stalled);
        record.put("checked", clock.instant().toString());
        try {
            store.put(LedgerKeys.stalled(job), json.writeValueAsBytes(record), "application/json");
            reported.put(job, stalled);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
