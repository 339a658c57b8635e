package io.maskmill.optimize;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import io.maskmill.runtime.ModelSession;

/** Built-in refiners from configuration, the ONNX refiner on a configured model, and any other {@link Refiner} beans, by name. */
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

    /** The ONNX refiner on the configured model; a clear error when none is configured. */
    static OnnxRefiner onnx(Optional<String> model, Function<Path, ModelSession> sessions) {
        String file = model.filter(m -> !m.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                "maskmill.optimize.refiner = onnx needs maskmill.optimize.model, the refiner model's file"));
        return new OnnxRefiner(sessions.apply(Path.of(file)));
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
