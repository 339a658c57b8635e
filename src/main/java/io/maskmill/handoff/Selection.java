package io.maskmill.handoff;

import java.util.List;

import io.maskmill.events.InvalidInputException;

/**
 * {@code thesaurus/selection.json}: the objects the thesaurus chose to paste into a sample, from the
 * job's kept samples, and why (thesaurus writes it, place reads it). Nothing fitting is an empty
 * list with a reason.
 *
 * @param contexts the scene words (or the sample's class) the choice was made for
 */
public record Selection(List<Choice> objects, List<String> contexts, String reason) {
    public static final String FILE = "selection.json";

    /**
     * One object: its class and the pool sample chosen, with what justified it — the context b,
     * Similarity(o, b), n(b) and n(o, b).
     */
    public record Choice(String className, String sampleId, double similarity, String context, long contextCount,
            long pairCount) {
        public Choice {
            if (className == null || sampleId == null || className.isBlank() || sampleId.isBlank()) {
                throw new InvalidInputException("every object needs className and sampleId strings");
            }
        }
    }

    public Selection {
        if (objects == null) {
            throw new InvalidInputException("selection needs an 'objects' array");
        }
        objects = List.copyOf(objects);
        contexts = contexts == null ? List.of() : List.copyOf(contexts);
    }

    public byte[] bytes() {
        return HandoffJson.write(this);
    }

    /** @throws InvalidInputException naming the file and what is wrong */
    public static Selection read(byte[] bytes) {
        return HandoffJson.read(bytes, Selection.class, FILE);
    }
}
