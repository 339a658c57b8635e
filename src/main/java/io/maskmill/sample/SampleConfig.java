package io.maskmill.sample;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code maskmill.sample.*}: sampling defaults (a job's params override them; the model's own defaults fill the rest). */
@ConfigMapping(prefix = "maskmill.sample")
public interface SampleConfig {
    /** Inference steps (default: the model's, 20 for SD, 4 for LCM, 1 for SD-Turbo). */
    Optional<Integer> steps();

    /** Guidance scale (default: the model's). */
    Optional<Double> guidance();

    /** Sampler: ddim, euler, euler_ancestral, dpm_solver_pp_2m, lcm (default: the model's class if implemented). */
    Optional<String> scheduler();

    /** Attention resolution weights, side=weight. */
    @WithDefault("8=0.5,16=1,32=1,64=1")
    String resolutionWeights();

    /**
     * Samples per UNet call: ingest plans batches of this many samples of one class, and the sample
     * stage never runs more at once ({@link BatchSize}). 1 (the default) publishes one
     * maskmill.sample.requested per sample; on a GPU, 4–8 (see benchmarks.md).
     */
    @WithDefault("1")
    int batchSize();

    /** Write self_attention.bin when the model has a self-attention output. */
    @WithDefault("true")
    boolean selfAttention();
}
