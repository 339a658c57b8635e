package io.maskmill.harmonize;

/**
 * Settings of {@link BoundaryHarmonizer}.
 *
 * @param strength     share of the estimated offset that is removed once the evidence is full (0 = unchanged)
 * @param kernelLevels width τ of the Gaussian kernel over boundary differences, in 8-bit levels: two pairs whose
 *                     RGB differences are within about τ of each other count as continuing the same way
 * @param evidenceFrom ln likelihood ratio (boundary continuous after the offset against as it is) below which the
 *                     object is left alone
 * @param evidenceFull ln likelihood ratio from which the full {@code strength} is applied (linear in between); equal
 *                     to {@code evidenceFrom}: a step there (0 and 0: applied whenever the evidence is not negative, which is
 *                     nearly always: no gate)
 * @param maxShiftLevels the shift applied per RGB channel is at most this many 8-bit levels either way: a flat object
 *                     with a pixel-exact mask on a flat, differently coloured scene steps the same way all round, like a
 *                     badly lit one, and this bounds what is done to it; {@code Double.POSITIVE_INFINITY}: no bound
 */
public record BoundarySettings(double strength, double kernelLevels, double evidenceFrom, double evidenceFull,
                               double maxShiftLevels) {
    public BoundarySettings {
        if (!(strength >= 0 && strength <= 1)) {
            throw new IllegalArgumentException("boundary strength must be in [0, 1], got " + strength);
        }
        if (!(kernelLevels > 0)) {
            throw new IllegalArgumentException("boundary kernel must be > 0 levels, got " + kernelLevels);
        }
        if (!(evidenceFrom >= 0 && evidenceFull >= evidenceFrom)) {
            throw new IllegalArgumentException("boundary evidence needs 0 <= from <= full, got from " + evidenceFrom
                    + ", full " + evidenceFull);
        }
        if (!(maxShiftLevels > 0)) {
            throw new IllegalArgumentException("boundary max shift must be > 0 levels, got " + maxShiftLevels);
        }
    }

    /**
     * The defaults, chosen on the tune split of coco-mini (even image ids; harmonize.md): 0.8 of the offset, a 10-level
     * kernel, evidence ramp from ln LR 0.3 to 3; at most 25 levels of shift per channel (chosen by looking at real
     * pastes, at a cost on the tune split: harmonize.md).
     */
    public static BoundarySettings defaults() {
        return new BoundarySettings(0.8, 10, 0.3, 3.0, 25);
    }

    public BoundarySettings withStrength(double s) {
        return new BoundarySettings(s, kernelLevels, evidenceFrom, evidenceFull, maxShiftLevels);
    }

    public BoundarySettings withKernel(double levels) {
        return new BoundarySettings(strength, levels, evidenceFrom, evidenceFull, maxShiftLevels);
    }

    public BoundarySettings withEvidence(double from, double full) {
        return new BoundarySettings(strength, kernelLevels, from, full, maxShiftLevels);
    }

    public BoundarySettings withMaxShift(double levels) {
        return new BoundarySettings(strength, kernelLevels, evidenceFrom, evidenceFull, levels);
    }
}
