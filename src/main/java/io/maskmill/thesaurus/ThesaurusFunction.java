package io.maskmill.thesaurus;

import jakarta.enterprise.context.ApplicationScoped;

import io.maskmill.events.MaskRefined;
import io.maskmill.events.ObjectsSelected;
import io.maskmill.events.MaskmillFunction;
import io.maskmill.events.StageNotBuiltException;
import io.quarkus.funqy.Funq;

/** The thesaurus function. Its service lands with issue #5; until then it refuses plainly (HTTP 501). */
@ApplicationScoped
public class ThesaurusFunction implements MaskmillFunction {

    @Funq("thesaurus")
    public ObjectsSelected thesaurus(MaskRefined input) {
        throw new StageNotBuiltException("thesaurus", "issue #5");
    }
}
