package io.maskmill.events;

import java.util.List;

/** Ingest's answer: the job is validated, planned and its samples requested. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The job as planned: its id, how many"
        + " samples were requested, the class map and where the plan is")
public record JobPlanned(String jobId, int samples, List<String> classes, String planUri) {
}
