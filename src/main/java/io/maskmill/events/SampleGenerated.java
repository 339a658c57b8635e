package io.maskmill.events;

import java.util.Map;

/**
 * The sample stage's output: the image and the cross-attention maps it came with.
 *
 * @param artifacts artifact name to URI, for everything the stage wrote
 * @param params    the parameters that decided those artifacts (seed, model id, thresholds, ...)
 */
public record SampleGenerated(SampleHeader sample, Map<String, String> artifacts, Map<String, String> params) {
    public SampleGenerated {
        sample = SampleHeader.required(sample);
        artifacts = SampleHeader.copy(artifacts);
        params = SampleHeader.copy(params);
    }
}
