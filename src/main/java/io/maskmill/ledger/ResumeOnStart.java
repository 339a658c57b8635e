package io.maskmill.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.maskmill.events.EventsConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * The embedded default keeps its events in memory, so a crash (kill -9, power loss) loses the ones
 * queued. The store still knows where every sample got to: when the service starts, every job the
 * ledger was told of and that has not completed is resumed (failed samples included), and nothing
 * that was finished is computed again. Commands ({@code generate}) resume their own job instead.
 */
@ApplicationScoped
public class ResumeOnStart {
    private static final Logger LOG = Logger.getLogger(ResumeOnStart.class);

    void onStart(@Observes StartupEvent event, LedgerConfig config, EventsConfig events, JobResumer resumer) {
        if (!config.resumeOnStart() || events.dispatch() != EventsConfig.Dispatch.IN_PROCESS) {
            return;
        }
        for (String job : resumer.unfinishedJobs()) {
            try {
                resumer.resume(job, true);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not resume job %s", job);
            }
        }
    }
}
