package io.maskmill.events;

/**
 * A sample a stage could not finish: the embedded broker sends it when a delivery fails, and the
 * ledger turns a dead-lettered event into one. The sample stays resumable (a failure is not an end
 * a later event may not change: {@code POST /jobs/{id}/resume} drives it again).
 *
 * @param stage  the function that failed on it
 * @param event  the type of the event it failed on
 * @param reason what went wrong, as the function said it
 */
public record SampleFailed(SampleHeader sample, String stage, String event, String reason) {
    public SampleFailed {
        sample = SampleHeader.required(sample);
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason is missing");
        }
    }
}
