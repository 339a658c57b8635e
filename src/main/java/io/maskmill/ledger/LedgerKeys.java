package io.maskmill.ledger;

import io.maskmill.events.Ids;
import io.maskmill.store.ArtifactKeys;

/**
 * Where the ledger keeps its books. Each ended sample is one small object whose key names its
 * outcome, so one listing of {@code jobs/{job}/ledger/} tells every sample's state without reading
 * any of them:
 * <pre>
 * jobs/_ledger/{job}                         the job was planned (the index a restart resumes from)
 * jobs/{job}/ledger/{outcome}/{sample}.json  the sample ended: completed, rejected or failed ({stage, reason})
 * jobs/{job}/ledger/job.json                 the job completed and its export was requested (written once)
 * jobs/{job}/ledger/stalled.json             the last stall sweep: how many samples had not moved, re-driven
 * </pre>
 */
public final class LedgerKeys {
    public static final String INDEX = "jobs/_ledger/";

    private LedgerKeys() {
    }

    public static String indexEntry(String jobId) {
        return INDEX + Ids.requireJobId(jobId);
    }

    public static String books(String jobId) {
        return ArtifactKeys.job(jobId) + "ledger/";
    }

    public static String outcome(String jobId, Outcome outcome, String sampleId) {
        return books(jobId) + outcome.key() + "/" + Ids.requireSampleId(sampleId) + ".json";
    }

    public static String stalled(String jobId) {
        return books(jobId) + "stalled.json";
    }

    public static String finished(String jobId) {
        return books(jobId) + "job.json";
    }
}
