package io.maskmill.handoff;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code optimize/quality.json}: how optimize judged a sample's mask — the threshold γ it chose, the
 * quality score and its signals, kept or rejected and why — and the class history it was judged
 * against ({@link Context}), which a redelivery reuses so it writes the same bytes. Augment writes one
 * for each imported sample ({@code mode} "import", its {@code source} file).
 *
 * @param mode      attention, logits or import
 * @param threshold γ (absent in logits and import mode)
 * @param decision  kept or rejected
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
public record Quality(String sampleId, String className, Integer label, String mode, String refiner, Double threshold,
        double score, String decision, String reason, Signals signals, Context context, String source) {
    public static final String FILE = "quality.json";

    /** The gate's signals. */
    @JsonPropertyOrder(alphabetic = true)
    public record Signals(double agreement, double edge, int components, double areaFraction) {
    }

    /**
     * The class history the sample was judged with: the γ prior (mean, count) and the ranking cut over
     * how many earlier scores. Means and cuts are absent when there was no history yet.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder(alphabetic = true)
    public record Context(Double priorMean, int priorCount, Double cut, int history) {
    }

    public boolean kept() {
        return "kept".equals(decision);
    }

    public byte[] bytes() {
        return HandoffJson.write(this);
    }

    public static Quality read(byte[] bytes) {
        return HandoffJson.read(bytes, Quality.class, FILE);
    }
}
