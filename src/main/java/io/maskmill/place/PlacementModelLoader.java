package io.maskmill.place;

/**
 * Where an ONNX placement model plugs in: a CDI bean implementing this turns
 * {@code maskmill.place.model} (a path or {@code s3://} URI) into a {@link PlacementScorer} that feeds
 * {@link FopaInputs} to the model and returns its score maps ({@link ScoreMaps#fopa}). Without such a
 * bean a configured model is refused at start-up, naming this interface.
 */
public interface PlacementModelLoader {
    PlacementScorer load(String modelLocation);
}
