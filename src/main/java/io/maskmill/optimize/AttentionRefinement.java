package io.maskmill.optimize;

import io.maskmill.imaging.LabelMask;

/**
 * Attention → clean binary mask: a refiner's reference, the threshold sweep against it, then mask
 * optimization of the chosen candidate. No I/O; the service and the evaluation both run this.
 */
public final class AttentionRefinement {
    private final Refiner refiner;
    private final ThresholdSweep sweep;
    private final MaskOptimizer optimizer;
    private final DenseCrf snap;

    /** Everything decided on the way: the reference, the sweep, the raw and the optimized candidate (0/1). */
    public record Outcome(Reference reference, ThresholdSweep.Result sweep, LabelMask candidate, LabelMask mask) {
    }

    /** @param snap when not null, the chosen candidate's boundary is aligned with the image by this CRF, centred at γ */
    public AttentionRefinement(Refiner refiner, ThresholdSweep sweep, MaskOptimizer optimizer, DenseCrf snap) {
        this.refiner = refiner;
        this.sweep = sweep;
        this.optimizer = optimizer;
        this.snap = snap;
    }

    public Refiner refiner() {
        return refiner;
    }

    public Outcome run(RefinementInput input, ThresholdSweep.Prior prior) {
        Reference reference = refiner.refine(input);
        ThresholdSweep.Result chosen = sweep.sweep(input.attention(), reference.mask(), prior);
        LabelMask candidate = snap == null ? ThresholdSweep.candidate(input.attention(), chosen.threshold())
                : snap.refine(input, chosen.threshold()).mask();
        return new Outcome(reference, chosen, candidate, optimizer.clean(candidate));
    }
}
