package io.maskmill.ingest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a job's samples, in plan order.
 *
 * @param next the {@code after} that gives the next page; absent on the last one
 */
public record SamplePage(String jobId, List<Sample> samples, @JsonInclude(JsonInclude.Include.NON_NULL) String next) {

    /**
     * @param state  completed, rejected, failed, or open (not ended yet)
     * @param stage  the stage that rejected it or failed on it
     * @param reason why
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sample(String sampleId, String className, String state, String stage, String reason) {
    }
}
