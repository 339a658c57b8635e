package io.maskmill.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One prompt of a job and the class its image is about. */
public record Prompt(@JsonProperty("class") String className, String prompt) {
    public Prompt {
        if (className == null || className.isBlank()) {
            throw new InvalidInputException("prompt has no class");
        }
        if (prompt == null || prompt.isBlank()) {
            throw new InvalidInputException("prompt text is empty");
        }
    }
}
