package io.maskmill.events;

/** A sample dropped by a stage, with the reason; recorded so it shows in the job's status. */
public record SampleRejected(SampleHeader sample, String stage, String reason) {
    public SampleRejected {
        sample = SampleHeader.required(sample);
    }
}
