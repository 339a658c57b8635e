package io.maskmill.thesaurus;

import io.maskmill.ledger.SampleGuard;

import jakarta.enterprise.context.ApplicationScoped;

import io.maskmill.events.MaskRefined;
import io.maskmill.events.MaskmillFunction;
import io.maskmill.events.ObjectsSelected;
import io.quarkus.funqy.Funq;

/** The thesaurus function: a refined sample in, the objects chosen to add to it out. */
@ApplicationScoped
public class ThesaurusFunction implements MaskmillFunction {
    private final ThesaurusStage stage;
    private final SampleGuard guard;

    public ThesaurusFunction(ThesaurusStage stage, SampleGuard guard) {
        this.stage = stage;
        this.guard = guard;
    }

    @Funq("thesaurus")
    public ObjectsSelected thesaurus(MaskRefined input) {
        return guard.admit(input.sample(), input.artifacts(), ThesaurusStage.STAGE, ObjectsSelected.class)
                .orElseGet(() -> stage.select(input));
    }
}
