package io.maskmill.optimize;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.EventType;
import io.maskmill.events.MaskRefined;
import io.maskmill.events.MaskmillFunction;
import io.maskmill.events.SampleGenerated;
import io.maskmill.ledger.ClassIndex;
import io.maskmill.ledger.SampleGuard;
import io.maskmill.runtime.OnnxRuntime;
import io.maskmill.store.ArtifactStore;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;

/**
 * The optimize function: {@code maskmill.sample.generated} in, {@code maskmill.mask.refined} or
 * {@code maskmill.sample.rejected} out (bad input included: it is answered with a rejection, not an
 * error, so nothing retries it).
 */
@ApplicationScoped
public class OptimizeFunction implements MaskmillFunction {
    private final OptimizeService service;
    private final SampleGuard guard;

    public OptimizeFunction(ArtifactStore store, ObjectMapper json, OptimizeConfig config, @Any Instance<Refiner> beans,
            Instance<OnnxRuntime> runtime, SampleGuard guard, ClassIndex index) {
        this.guard = guard;
        DenseCrf crf = Refiners.crf(config.crf());
        // ONNX Runtime is only brought up when the ONNX refiner is asked for
        Refiner refiner = OnnxRefiner.NAME.equals(config.refiner())
                ? Refiners.onnx(config.model(), model -> runtime.get().session(model))
                : Refiners.select(config.refiner(), crf, Refiners.propagation(config.propagation()), beans.stream().toList());
        OptimizeConfig.Sweep s = config.sweep();
        OptimizeConfig.Cleanup c = config.cleanup();
        OptimizeConfig.Gate g = config.gate();
        MaskOptimizer optimizer = new MaskOptimizer(c.minRegionPx(), c.minBoxPx(), c.minConfidence());
        AttentionRefinement refinement = new AttentionRefinement(refiner,
                new ThresholdSweep(s.from(), s.to(), s.step(), s.priorWeight(), s.priorWarmup()), optimizer,
                config.snap() ? crf : null, config.supportShare());
        this.service = new OptimizeService(store, json, refinement, optimizer,
                new QualityGate(g.keepFraction(), g.warmup(), g.minArea(), g.maxArea()), c.minConfidence(), index);
    }

    @Funq("optimize")
    public CloudEvent<Object> optimize(SampleGenerated input) {
        OptimizeService.Outcome outcome = guard.admit(input.sample(), input.artifacts(), OptimizeService.STAGE,
                MaskRefined.class).<OptimizeService.Outcome>map(OptimizeService.Kept::new)
                .or(() -> service.storedRejection(input.sample()))
                .orElseGet(() -> service.optimize(input));
        if (outcome instanceof OptimizeService.Kept kept) {
            return CloudEventBuilder.create().type(EventType.MASK_REFINED.type()).build((Object) kept.event());
        }
        OptimizeService.Rejected rejected = (OptimizeService.Rejected) outcome;
        return CloudEventBuilder.create().type(EventType.SAMPLE_REJECTED.type()).build((Object) rejected.event());
    }
}
