package io.maskmill.ingest;

import java.util.List;
import java.util.Map;

/**
 * A job's progress, derived from what is in the store (there is no other database).
 *
 * @param state    planned (nothing started), running, completed (every sample completed or
 *                 rejected) or failed (every sample finished, some by failing)
 * @param stages   samples each stage has finished, by stage name
 * @param rejections why each rejected sample was dropped (sample id → "stage: reason")
 * @param failures the latest failure per failed sample (sample id → message)
 */
public record JobStatus(String jobId, String state, String source, List<String> classes, int planned,
        Map<String, Integer> stages, int completed, int rejected, int failed, Map<String, String> rejections,
        Map<String, String> failures) {
}
