package io.maskmill.sample;

import jakarta.enterprise.context.ApplicationScoped;

import io.maskmill.events.MaskmillFunction;
import io.maskmill.events.SampleBatchRequested;
import io.maskmill.events.SampleGenerated;
import io.maskmill.events.SampleRequested;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;

/**
 * The sample function: a {@link SampleRequested} → {@link SampleGenerated}, or a
 * {@link SampleBatchRequested} → one event per sample, published ({@link SampleStage}). It takes the
 * event raw because a Service exporting "sample" receives both types at this one function.
 */
@ApplicationScoped
public class SampleFunction implements MaskmillFunction {
    private final SampleStage stage;

    public SampleFunction(SampleStage stage) {
        this.stage = stage;
    }

    @Funq("sample")
    public CloudEvent<SampleGenerated> sample(CloudEvent<byte[]> event) {
        return stage.handle(event);
    }

    /** Funqy routes one trigger type per function when none is exported: this alias holds the batch type's. */
    @Funq("sample-batch")
    public CloudEvent<SampleGenerated> sampleBatch(CloudEvent<byte[]> event) {
        return stage.handle(event);
    }
}
