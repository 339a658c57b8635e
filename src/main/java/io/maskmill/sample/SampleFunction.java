package io.maskmill.sample;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.maskmill.events.InvalidInputException;
import io.maskmill.events.MaskmillFunction;
import io.maskmill.events.SampleGenerated;
import io.maskmill.events.SampleRequested;
import io.maskmill.ledger.SampleGuard;
import io.quarkus.funqy.Funq;

/** The sample function: {@link SampleRequested} → {@link SampleService} → {@link SampleGenerated}. */
@ApplicationScoped
public class SampleFunction implements MaskmillFunction {
    private static final Logger LOG = Logger.getLogger(SampleFunction.class);
    private final SampleService service;
    private final SampleGuard guard;

    public SampleFunction(SampleService service, SampleGuard guard) {
        this.service = service;
        this.guard = guard;
    }

    @Funq("sample")
    public SampleGenerated sample(SampleRequested input) {
        var planned = guard.requirePlanned(input.sample());
        if (!input.prompt().equals(planned.prompt()) || input.seed() != planned.seed()) {
            throw new InvalidInputException("sample " + input.sample().sampleId() + " of job " + input.sample().jobId()
                    + ": prompt and seed must be the planned ones");
        }
        try {
            return guard.admit(input.sample(), null, SampleService.STAGE, SampleGenerated.class)
                    .orElseGet(() -> service.sample(input));
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            // with the stack trace: shown by `generate --verbose` (INFO) and in a service's log
            LOG.infof(e, "sample %s of job %s failed", input.sample().sampleId(), input.sample().jobId());
            throw e;
        }
    }
}
