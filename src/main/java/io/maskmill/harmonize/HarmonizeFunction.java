package io.maskmill.harmonize;

import jakarta.enterprise.context.ApplicationScoped;

import io.maskmill.events.ObjectsPlaced;
import io.maskmill.events.SampleCompleted;
import io.maskmill.events.MaskmillFunction;
import io.maskmill.events.StageNotBuiltException;
import io.quarkus.funqy.Funq;

/** The harmonize function. Its service lands with issue #7; until then it refuses plainly (HTTP 501). */
@ApplicationScoped
public class HarmonizeFunction implements MaskmillFunction {

    @Funq("harmonize")
    public SampleCompleted harmonize(ObjectsPlaced input) {
        throw new StageNotBuiltException("harmonize", "issue #7");
    }
}
