package io.maskmill.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.RgbImage;
import io.maskmill.optimize.*;

/** TEMPORARY: hashes of every pipeline's outputs, to check optimizations change nothing. */
public final class OptimizeFingerprint {
    public static void main(String[] args) {
        List<RefinementEvaluation.Case> cases = RefinementEvaluation.cases(Path.of("../shared/data/coco-mini"), 0.02, 12);
        DenseCrf crf = DenseCrf.defaults();
        SelfAttentionPropagation prop = SelfAttentionPropagation.defaults();
        MaskOptimizer opt = MaskOptimizer.defaults();
        ThresholdSweep sweep = ThresholdSweep.defaults();
        AttentionRefinement[] ps = {new AttentionRefinement(crf, sweep, opt, null), new AttentionRefinement(crf, sweep, opt, crf),
                new AttentionRefinement(prop, sweep, opt, null), new AttentionRefinement(prop, sweep, opt, crf)};
        long total = 0;
        int i = 0;
        for (RefinementEvaluation.Case c : cases) {
            long h = 0;
            for (AttentionRefinement p : ps) {
                AttentionRefinement.Outcome o = p.run(new RefinementInput(c.image().copy(), c.attention(), null), ThresholdSweep.Prior.NONE);
                h = h * 31 + Arrays.hashCode(o.reference().score().values());
                h = h * 31 + Arrays.hashCode(o.reference().mask().labels());
                h = h * 31 + Arrays.hashCode(o.candidate().labels());
                h = h * 31 + Arrays.hashCode(o.mask().labels());
                h = h * 31 + Double.hashCode(o.sweep().threshold());
            }
            h = h * 31 + Arrays.hashCode(opt.clean(ThresholdSweep.candidate(c.attention(), 0.45)).labels());
            System.out.println(c.name() + " " + Long.toHexString(h));
            total = total * 31 + h;
            if (++i >= 30) break;
        }
        System.out.println("TOTAL " + Long.toHexString(total));
    }
}
