package io.maskmill.optimize;

import jakarta.enterprise.context.ApplicationScoped;

import io.maskmill.events.SampleGenerated;
import io.maskmill.events.MaskRefined;
import io.maskmill.events.MaskmillFunction;
import io.maskmill.events.StageNotBuiltException;
import io.quarkus.funqy.Funq;

/** The optimize function. Its service lands with issue #4; until then it refuses plainly (HTTP 501). */
@ApplicationScoped
public class OptimizeFunction implements MaskmillFunction {

    @Funq("optimize")
    public MaskRefined optimize(SampleGenerated input) {
        throw new StageNotBuiltException("optimize", "issue #4");
    }
}
