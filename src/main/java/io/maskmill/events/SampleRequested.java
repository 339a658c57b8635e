package io.maskmill.events;

import java.util.Map;

/** One image to generate: the prompt, its seed and the stage parameters. */
public record SampleRequested(SampleHeader sample, String prompt, long seed, Map<String, String> params) {
    public SampleRequested {
        sample = SampleHeader.required(sample);
        if (prompt == null || prompt.isBlank()) {
            throw new InvalidInputException("prompt is missing");
        }
        params = SampleHeader.copy(params);
    }
}
