package io.maskmill.events;

import java.util.Map;

/**
 * The thesaurus stage's choice of further objects to add to the sample.
 *
 * @param artifacts artifact name to URI, for everything the stage wrote
 * @param params    the parameters that decided those artifacts (seed, model id, thresholds, ...)
 */
public record ObjectsSelected(SampleHeader sample, Map<String, String> artifacts, Map<String, String> params) {
    public ObjectsSelected {
        sample = SampleHeader.required(sample);
        artifacts = SampleHeader.copy(artifacts);
        params = SampleHeader.copy(params);
    }
}
