package io.maskmill.events;

import java.util.List;

/** Ingest's answer: the job is validated, planned and its samples requested. */
public record JobPlanned(String jobId, int samples, List<String> classes, String planUri) {
}
