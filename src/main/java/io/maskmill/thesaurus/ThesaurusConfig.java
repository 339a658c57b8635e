package io.maskmill.thesaurus;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code maskmill.thesaurus.*}: which table, and how objects are chosen from it. */
@ConfigMapping(prefix = "maskmill.thesaurus")
public interface ThesaurusConfig {
    /** A table file built by {@code thesaurus-build}; the table shipped with Maskmill when absent. */
    Optional<String> table();

    @WithDefault("5")
    int topK();

    /** Objects to add per sample. */
    @WithDefault("1")
    int count();

    @WithDefault("0.02")
    double minSimilarity();

    @WithDefault("20")
    long minSupport();

    @WithDefault("false")
    boolean allowSampleClass();

    /** T of the draw p ∝ Similarity^(1/T): 0 deterministic (the best class), 1 ∝ P(o|b), higher flatter. */
    @WithDefault("2.0")
    double temperature();
}
