package io.maskmill.place;

import jakarta.enterprise.context.ApplicationScoped;

import io.maskmill.events.ObjectsSelected;
import io.maskmill.events.ObjectsPlaced;
import io.maskmill.events.MaskmillFunction;
import io.maskmill.events.StageNotBuiltException;
import io.quarkus.funqy.Funq;

/** The place function. Its service lands with issue #6; until then it refuses plainly (HTTP 501). */
@ApplicationScoped
public class PlaceFunction implements MaskmillFunction {

    @Funq("place")
    public ObjectsPlaced place(ObjectsSelected input) {
        throw new StageNotBuiltException("place", "issue #6");
    }
}
