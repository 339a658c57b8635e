package io.maskmill.events;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

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
public record JobRequested(String jobId, JsonNode prompts, String promptList, List<String> classes,
        Integer imagesPerClass, Long seed, Map<String, String> options) {
}
