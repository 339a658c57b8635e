package io.maskmill.optimize;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Built-in refiners from configuration, plus any other {@link Refiner} beans (a learned ONNX refiner), by name. */
final class Refiners {
    private Refiners() {
    }

    static DenseCrf crf(OptimizeConfig.Crf c) {
        return new DenseCrf(new CrfSettings(c.appearanceWeight(), c.thetaAlpha(), c.thetaBeta(), c.smoothnessWeight(),
                c.thetaGamma(), c.unaryCentre(), c.unarySharpness(), c.unaryConfidence(), c.iterations(), c.maxSide()));
    }

    static SelfAttentionPropagation propagation(OptimizeConfig.Propagation p) {
        return new SelfAttentionPropagation(p.tau(), p.classAt(), p.ignoreFrom(), p.proxyGrid(), p.proxyColourSigma(),
                p.proxyPositionSigma());
    }

    /** The refiner {@code name} among the built-in ones and {@code others}; a clear error when there is none. */
    static Refiner select(String name, DenseCrf crf, SelfAttentionPropagation propagation, List<Refiner> others) {
        Map<String, Refiner> byName = new TreeMap<>();
        byName.put(crf.name(), crf);
        byName.put(propagation.name(), propagation);
        others.forEach(r -> byName.put(r.name(), r));
        Refiner refiner = byName.get(name);
        if (refiner == null) {
            throw new IllegalArgumentException("maskmill.optimize.refiner = '" + name + "' names no refiner; available: "
                    + byName.keySet());
        }
        return refiner;
    }
}
