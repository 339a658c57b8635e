package io.maskmill.sample;

import jakarta.enterprise.context.ApplicationScoped;

import io.maskmill.events.MaskmillFunction;
import io.maskmill.events.SampleGenerated;
import io.maskmill.events.SampleRequested;
import io.quarkus.funqy.Funq;

/** The sample function: {@link SampleRequested} → {@link SampleService} → {@link SampleGenerated}. */
@ApplicationScoped
public class SampleFunction implements MaskmillFunction {
    private final SampleService service;

    public SampleFunction(SampleService service) {
        this.service = service;
    }

    @Funq("sample")
    public SampleGenerated sample(SampleRequested input) {
        return service.sample(input);
    }
}
