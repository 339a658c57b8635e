package io.maskmill.thesaurus;

import jakarta.enterprise.context.ApplicationScoped;

import io.maskmill.events.MaskRefined;
import io.maskmill.events.MaskmillFunction;
import io.maskmill.events.ObjectsSelected;
import io.quarkus.funqy.Funq;

/** The thesaurus function: a refined sample in, the objects chosen to add to it out. */
@ApplicationScoped
public class ThesaurusFunction implements MaskmillFunction {
    private final ThesaurusStage stage;

    public ThesaurusFunction(ThesaurusStage stage) {
        this.stage = stage;
    }

    @Funq("thesaurus")
    public ObjectsSelected thesaurus(MaskRefined input) {
        return stage.select(input);
    }
}
