package io.maskmill.sample;

import jakarta.enterprise.context.ApplicationScoped;

import io.maskmill.events.SampleRequested;
import io.maskmill.events.SampleGenerated;
import io.maskmill.events.MaskmillFunction;
import io.maskmill.events.StageNotBuiltException;
import io.quarkus.funqy.Funq;

/** The sample function. Its service lands with issue #3; until then it refuses plainly (HTTP 501). */
@ApplicationScoped
public class SampleFunction implements MaskmillFunction {

    @Funq("sample")
    public SampleGenerated sample(SampleRequested input) {
        throw new StageNotBuiltException("sample", "issue #3");
    }
}
