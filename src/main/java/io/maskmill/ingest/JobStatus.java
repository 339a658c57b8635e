package io.maskmill.ingest;

import java.util.List;
import java.util.Map;

/**
 * A job's progress, derived from what is in the store (there is no other database): the stages'
 * markers and the ledger's books. Its size does not grow with the job: the samples themselves are
 * paged at {@code samples} ({@code GET /jobs/{id}/samples}).
 *
 * @param state    planned (nothing started), running, stalled (samples have not moved for
 *                 {@code maskmill.ledger.stall-after}; they are being driven again), completed (every
 *                 sample completed or was rejected) or failed (every sample ended, some by failing;
 *                 {@code POST /jobs/{id}/resume} drives those again)
 * @param stages   samples each stage has finished, by stage name
 * @param failures why samples failed: reason → number of samples (the first {@value JobStatusService#REASONS_READ}
 *                 failed samples' reasons are read; {@code samples?state=failed} lists them all)
 * @param samples  where the per-sample states are paged
 */
public record JobStatus(String jobId, String state, String source, List<String> classes, int planned,
        Map<String, Integer> stages, int completed, int rejected, int failed, int stalled,
        Map<String, Integer> failures, String samples) {
}
