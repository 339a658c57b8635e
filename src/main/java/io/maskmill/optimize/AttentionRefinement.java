package io.maskmill.optimize;

import io.maskmill.imaging.LabelMask;

/**
 * Attention → clean binary mask: a refiner's reference, the threshold sweep against it (a one-value grid
 * is a fixed threshold), the CRF snap at the chosen γ, the attention-support filter, then mask
 * optimization. No I/O; the service and the evaluation both run this.
 */
public final class AttentionRefinement {
    private final Refiner refiner;
    private final ThresholdSweep sweep;
    private final MaskOptimizer optimizer;
    private final DenseCrf snap;
    private final double supportShare;

    /** Everything decided on the way: the reference, the sweep, the raw and the optimized candidate (0/1). */
    public record Outcome(Reference reference, ThresholdSweep.Result sweep, LabelMask candidate, LabelMask mask) {
    }

    /** @param snap when not null, the chosen candidate's boundary is aligned with the image by this CRF, centred at γ */
    public AttentionRefinement(Refiner refiner, ThresholdSweep sweep, MaskOptimizer optimizer, DenseCrf snap) {
        this(refiner, sweep, optimizer, snap, 0);
    }

    /** @param supportShare object regions whose mean attention is below this share of the best region's are dropped (0: none; {@link AttentionSupport}) */
    public AttentionRefinement(Refiner refiner, ThresholdSweep sweep, MaskOptimizer optimizer, DenseCrf snap, double supportShare) {
        if (!(supportShare >= 0 && supportShare <= 1)) {
            throw new IllegalArgumentException("support share must be in [0, 1], got " + supportShare);
        }
        this.refiner = refiner;
        this.sweep = sweep;
        this.optimizer = optimizer;
        this.snap = snap;
        this.supportShare = supportShare;
    }

    /** The paper's steps: a reference, the threshold sweep against it, the CRF snap at the chosen γ (when given), clean-up. */
    public static AttentionRefinement paper(Refiner refiner, ThresholdSweep sweep, MaskOptimizer optimizer, DenseCrf snap) {
        return new AttentionRefinement(refiner, sweep, optimizer, snap);
    }

    /** The paper's configuration with the paper's grid (γ 0.35…0.54) against the CRF reference at 0.45. */
    public static AttentionRefinement paper() {
        DenseCrf crf = new DenseCrf(CrfSettings.paper());
        return new AttentionRefinement(crf, ThresholdSweep.paper(), MaskOptimizer.defaults(), crf);
    }

    /**
     * The stage's default, chosen on the tune split (optimize.md): the CRF at a fixed centre (the sweep's grid is
     * that one value), attention support ≥ {@link #DEFAULT_SUPPORT_SHARE} of the best region's, clean-up.
     */
    public static AttentionRefinement defaults() {
        DenseCrf crf = DenseCrf.defaults();
        return new AttentionRefinement(crf, ThresholdSweep.defaults(), MaskOptimizer.defaults(), crf, DEFAULT_SUPPORT_SHARE);
    }

    public static final double DEFAULT_SUPPORT_SHARE = 0.95;

    public Refiner refiner() {
        return refiner;
    }

    public Outcome run(RefinementInput input, ThresholdSweep.Prior prior) {
        Reference reference = refiner.refine(input);
        ThresholdSweep.Result chosen = sweep.sweep(input.attention(), reference.mask(), prior);
        LabelMask candidate;
        if (snap == null) {
            candidate = ThresholdSweep.candidate(input.attention(), chosen.threshold());
        } else if (snap == refiner && chosen.threshold() == snap.settings().unaryCentre()) {
            candidate = reference.mask(); // the snap at the reference's own centre is the reference
        } else {
            candidate = snap.refine(input, chosen.threshold()).mask();
        }
        LabelMask supported = AttentionSupport.filter(candidate, input.attention(), supportShare);
        return new Outcome(reference, chosen, candidate, optimizer.clean(supported));
    }
}
