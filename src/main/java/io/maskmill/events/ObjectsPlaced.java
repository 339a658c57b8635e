package io.maskmill.events;

import java.util.Map;

/**
 * The place stage's composite: added objects pasted, masks updated exactly.
 *
 * @param artifacts artifact name to URI, for everything the stage wrote
 * @param params    the parameters that decided those artifacts (seed, model id, thresholds, ...)
 */
public record ObjectsPlaced(SampleHeader sample, Map<String, String> artifacts, Map<String, String> params) {
    public ObjectsPlaced {
        sample = SampleHeader.required(sample);
        artifacts = SampleHeader.copy(artifacts);
        params = SampleHeader.copy(params);
    }
}
