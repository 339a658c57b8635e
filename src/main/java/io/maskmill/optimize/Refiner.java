package io.maskmill.optimize;

/**
 * A training-free (or learned) way to turn an attention map into a reference mask that the
 * threshold sweep compares its candidates with. Implementations are stateless after construction
 * and safe to call from several threads.
 *
 * <p>A learned ONNX saliency or affinity model runs through {@link OnnxRefiner} ({@code refiner = onnx},
 * {@code model = <file>}); any other implementation drops in as an {@code @ApplicationScoped} bean whose
 * {@link #name()} is what {@code maskmill.optimize.refiner} names.
 */
public interface Refiner {
    /** The name configuration and the emitted {@code refiner} parameter use. */
    String name();

    Reference refine(RefinementInput input);
}
