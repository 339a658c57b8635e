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
        if (sample == null) {
            throw new InvalidInputException("sample header is missing");
        }
        artifacts = artifacts == null ? Map.of() : Map.copyOf(artifacts);
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
