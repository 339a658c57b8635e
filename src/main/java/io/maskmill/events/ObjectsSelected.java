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
        if (sample == null) {
            throw new InvalidInputException("sample header is missing");
        }
        artifacts = artifacts == null ? Map.of() : Map.copyOf(artifacts);
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
