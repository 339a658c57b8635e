package io.maskmill.place;

import io.maskmill.ledger.SampleGuard;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.maskmill.events.MaskmillFunction;
import io.maskmill.events.ObjectsPlaced;
import io.maskmill.events.ObjectsSelected;
import io.maskmill.store.ArtifactStore;
import io.quarkus.funqy.Funq;

/** The place function: objects selected → objects placed (see {@link PlaceStage}). */
@ApplicationScoped
public class PlaceFunction implements MaskmillFunction {
    @Inject
    ArtifactStore store;
    @Inject
    PlaceConfig config;
    @Inject
    Instance<PlacementModelLoader> loaders;
    @Inject
    SampleGuard guard;

    private PlaceStage stage;

    @PostConstruct
    void init() {
        ScalePrior prior = ScalePrior.loadDefault();
        PlacementScorer scorer = config.model().map(this::loadModel)
                .orElseGet(() -> config.scorer() == PlaceConfig.Scorer.CONTEXT
                        ? new ContextScorer(prior, PlacementContext.loadDefault(), config.contextSettings())
                        : new BuiltinScorer(prior, config.scorerSettings()));
        stage = new PlaceStage(store, new PlaceService(scorer, prior, config.settings(), config.wholeObject()));
    }

    private PlacementScorer loadModel(String location) {
        if (loaders.isUnsatisfied()) {
            throw new IllegalStateException("maskmill.place.model is set (" + location + ") but no bean implements "
                    + PlacementModelLoader.class.getName() + " (the ONNX Runtime placement model loader)");
        }
        return loaders.get().load(location);
    }

    @Funq("place")
    public ObjectsPlaced place(ObjectsSelected input) {
        return guard.admit(input.sample(), input.artifacts(), PlaceStage.STAGE, ObjectsPlaced.class)
                .orElseGet(() -> stage.run(input));
    }
}
