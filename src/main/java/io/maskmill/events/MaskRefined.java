package io.maskmill.events;

import java.util.Map;

/**
 * The optimize stage's output: a clean class mask, its confidence and quality score.
 *
 * @param artifacts artifact name to URI, for everything the stage wrote
 * @param params    the parameters that decided those artifacts (seed, model id, thresholds, ...)
 */
public record MaskRefined(SampleHeader sample, Map<String, String> artifacts, Map<String, String> params) {
    public MaskRefined {
        sample = SampleHeader.required(sample);
        artifacts = SampleHeader.copy(artifacts);
        params = SampleHeader.copy(params);
    }
}
