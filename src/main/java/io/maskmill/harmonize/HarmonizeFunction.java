package io.maskmill.harmonize;

import jakarta.enterprise.context.ApplicationScoped;

import io.maskmill.events.MaskmillFunction;
import io.maskmill.events.ObjectsPlaced;
import io.maskmill.events.SampleCompleted;
import io.quarkus.funqy.Funq;

/** The harmonize function: a composite with pasted objects in, the finished sample out. */
@ApplicationScoped
public class HarmonizeFunction implements MaskmillFunction {
    private final HarmonizeStage stage;

    public HarmonizeFunction(HarmonizeStage stage) {
        this.stage = stage;
    }

    @Funq("harmonize")
    public SampleCompleted harmonize(ObjectsPlaced input) {
        return stage.harmonize(input);
    }
}
