package io.maskmill.harmonize;

import io.maskmill.ledger.SampleGuard;

import jakarta.enterprise.context.ApplicationScoped;

import io.maskmill.events.MaskmillFunction;
import io.maskmill.events.ObjectsPlaced;
import io.maskmill.events.SampleCompleted;
import io.quarkus.funqy.Funq;

/** The harmonize function: a composite with pasted objects in, the finished sample out. */
@ApplicationScoped
public class HarmonizeFunction implements MaskmillFunction {
    private final HarmonizeStage stage;
    private final SampleGuard guard;

    public HarmonizeFunction(HarmonizeStage stage, SampleGuard guard) {
        this.stage = stage;
        this.guard = guard;
    }

    @Funq("harmonize")
    public SampleCompleted harmonize(ObjectsPlaced input) {
        return guard.admit(input.sample(), input.artifacts(), HarmonizeStage.STAGE, SampleCompleted.class)
                .orElseGet(() -> stage.harmonize(input));
    }
}
