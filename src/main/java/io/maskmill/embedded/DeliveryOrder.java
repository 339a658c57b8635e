package io.maskmill.embedded;

import io.maskmill.events.OutgoingEvent;
import io.maskmill.events.SampleGenerated;

/**
 * Where an event goes in the embedded broker's {@link FairWorkerPool}, chosen so that any number of
 * workers writes the bytes one worker writes. Two stages read what other samples of the job left in
 * the store, and nothing else does:
 * <ul>
 * <li>optimize judges a sample against the class's earlier samples (its {@code ClassHistory}): with
 * one FIFO worker, sample k of a class sees exactly the samples of that class planned before it. So
 * optimize runs in phase 1, after every sample of the job has been generated, one sample at a time
 * per class (a lane per class), in sample order; classes run side by side.</li>
 * <li>thesaurus picks objects from the job's kept samples: with one worker every sample has been
 * judged before the first selection. So thesaurus and everything after it run in phase 2, once
 * optimize has judged every sample, all side by side.</li>
 * </ul>
 * The sample stage (phase 0, single and batch requests) reads nothing of other samples and runs fully in parallel; the ledger's
 * job registration runs there too. Everything else (the ledger's outcomes, export) is phase 2.
 */
final class DeliveryOrder {
    private DeliveryOrder() {
    }

    static FairWorkerPool.Ticket of(OutgoingEvent event) {
        String subject = event.subject() == null ? "" : event.subject();
        int slash = subject.indexOf('/');
        String job = slash < 0 ? subject : subject.substring(0, slash);
        String sample = slash < 0 ? "" : subject.substring(slash + 1);
        return switch (event.type()) {
            // the ledger registers a job at once, so a restart can resume it whatever phase it is in
            case SAMPLE_REQUESTED, SAMPLE_BATCH_REQUESTED, JOB_PLANNED -> new FairWorkerPool.Ticket(job, 0, null, sample);
            case SAMPLE_GENERATED -> new FairWorkerPool.Ticket(job, 1, lane(event), sample);
            default -> new FairWorkerPool.Ticket(job, 2, null, sample);
        };
    }

    private static String lane(OutgoingEvent event) {
        return event.data() instanceof SampleGenerated g ? "class:" + g.sample().className() : "class:?";
    }
}
