package io.maskmill.events;

import java.util.List;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A job as a client asks for it, over HTTP ({@code POST /jobs}) or as a CloudEvent. Exactly one of
 * {@code prompts} (inline: a JSON array of strings or {@code {"class", "prompt"}} objects, read by the same
 * rules as an uploaded JSON prompt list) and {@code promptList} (an artifact URI or key of a prompt-list file) is set.
 *
 * @param jobId          optional; a client-chosen id makes a retried request idempotent
 * @param classes        optional; the class map order (label i+1 = classes[i]); derived from the prompts if absent
 * @param imagesPerClass samples planned per class; default 1
 * @param seed           job seed; every sample's seed is derived from it deterministically
 * @param options        stage options (model, steps, guidance, scheduler, ...), passed through to the stages
 */
@Schema(description = "A job: prompts inline or a prompt list in the store, and how many images of each class")
public record JobRequested(
        @Schema(description = "Optional client-chosen id ([a-z0-9][a-z0-9-]{0,62}); the same id and request again is"
                + " accepted again", example = "dogs-and-cats") String jobId,
        @Schema(type = SchemaType.ARRAY, implementation = InlinePrompt.class, description = "Inline prompts: strings"
                + " \"class: prompt\" or objects {\"class\", \"prompt\"}; give this or promptList",
                example = "[\"dog: a dog on the grass\", {\"class\": \"cat\", \"prompt\": \"a cat on a sofa\"}]")
        JsonNode prompts,
        @Schema(description = "A prompt-list file in the store (key or artifact URI); give this or prompts",
                example = "prompts/animals.txt") String promptList,
        @Schema(description = "Class map order (label i+1 = classes[i]); derived from the prompts if absent")
        List<String> classes,
        @Schema(description = "Samples planned per class", defaultValue = "1", minimum = "1") Integer imagesPerClass,
        @Schema(description = "Job seed; every sample's seed derives from it") Long seed,
        @Schema(description = "Stage options passed through to the stages (models, steps, guidance, scheduler, ...)")
        Map<String, String> options) {

    /** One inline prompt, as the OpenAPI document describes it. */
    @Schema(name = "InlinePrompt", oneOf = { String.class, ClassedPrompt.class })
    public interface InlinePrompt {
    }

    /** An inline prompt with its class named. */
    @Schema(name = "ClassedPrompt")
    public record ClassedPrompt(@Schema(name = "class", required = true) String className,
            @Schema(required = true) String prompt) implements InlinePrompt {
    }
}
