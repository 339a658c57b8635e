package io.maskmill.events;

import java.util.Map;

/**
 * The final image and masks of a sample, ready for export.
 *
 * @param artifacts artifact name to URI, for everything the stage wrote
 * @param params    the parameters that decided those artifacts (seed, model id, thresholds, ...)
 */
public record SampleCompleted(SampleHeader sample, Map<String, String> artifacts, Map<String, String> params) {
    public SampleCompleted {
        sample = SampleHeader.required(sample);
        artifacts = SampleHeader.copy(artifacts);
        params = SampleHeader.copy(params);
    }
}
