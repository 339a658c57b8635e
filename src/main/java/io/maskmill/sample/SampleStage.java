package io.maskmill.sample;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.EventSink;
import io.maskmill.events.EventType;
import io.maskmill.events.EventsConfig;
import io.maskmill.events.InvalidInputException;
import io.maskmill.events.OutgoingEvent;
import io.maskmill.events.SampleBatchRequested;
import io.maskmill.events.SampleFailed;
import io.maskmill.events.SampleGenerated;
import io.maskmill.events.SampleHeader;
import io.maskmill.events.SampleRequested;
import io.maskmill.ledger.SampleGuard;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;

/**
 * The sample stage's two doors. A {@link SampleRequested} is answered with its
 * {@link SampleGenerated} (the function's response event). A {@link SampleBatchRequested} is
 * generated in one UNet call per step and answered by publishing one event per sample, so everything
 * downstream sees exactly what single requests give:
 * <ul>
 * <li>every sample must be a planned one, with its planned prompt and seed: a batch with a forged
 * sample is refused whole (400);</li>
 * <li>a sample that has ended is skipped; one whose marker exists (a redelivery, a retry after a
 * partial failure) is not computed again: its stored event is published again;</li>
 * <li>a sample whose own input is bad (its prompt does not name its class) gets a
 * {@code maskmill.sample.failed} and the others go on;</li>
 * <li>what fails them all (the model, ONNX Runtime, the store) fails the event, which the Broker
 * delivers again; the samples finished before the failure are then skipped.</li>
 * </ul>
 */
@ApplicationScoped
public class SampleStage {
    private static final Logger LOG = Logger.getLogger(SampleStage.class);

    private final SampleService service;
    private final SampleGuard guard;
    private final EventSink events;
    private final ObjectMapper json;
    private final String source;

    public SampleStage(SampleService service, SampleGuard guard, EventSink events, ObjectMapper json,
            EventsConfig config) {
        this.service = service;
        this.guard = guard;
        this.events = events;
        this.json = json;
        this.source = config.source() + "/" + SampleService.STAGE;
    }

    /** Either event type; the response event for a single request, none for a batch (it publishes its own). */
    public CloudEvent<SampleGenerated> handle(CloudEvent<byte[]> event) {
        EventType type = EventType.of(event.type())
                .orElseThrow(() -> new InvalidInputException("sample does not handle events of type " + event.type()));
        byte[] data = event.data() == null ? new byte[0] : event.data();
        return switch (type) {
            case SAMPLE_REQUESTED -> CloudEventBuilder.create().build(one(read(data, SampleRequested.class, type)));
            case SAMPLE_BATCH_REQUESTED -> {
                batch(read(data, SampleBatchRequested.class, type));
                yield null;
            }
            default -> throw new InvalidInputException("sample does not handle events of type " + type);
        };
    }

    /** One sample: checked against the plan, its stored output if it was made before, else made now. */
    public SampleGenerated one(SampleRequested input) {
        requirePlanned(input);
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

    /** A planned batch: see the class comment. Publishes one event per sample that has not ended. */
    public void batch(SampleBatchRequested batch) {
        List<SampleRequested> requests = batch.requests();
        requests.forEach(this::requirePlanned);
        List<OutgoingEvent> out = new ArrayList<>(requests.size());
        List<SampleRequested> todo = new ArrayList<>();
        for (SampleRequested r : requests) {
            try {
                guard.requireOpen(r.sample());
            } catch (InvalidInputException ended) {
                continue;
            }
            Optional<SampleGenerated> done = guard.stored(r.sample(), SampleService.STAGE, SampleGenerated.class);
            if (done.isPresent()) {
                out.add(generated(done.get()));
            } else {
                todo.add(r);
            }
        }
        try {
            for (SampleService.Result result : service.sample(todo)) {
                out.add(result.failure() == null ? generated(result.generated()) : failed(result));
            }
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.infof(e, "batch of %d samples from %s of job %s failed", todo.size(),
                    batch.samples().get(0).sampleId(), batch.jobId());
            throw e;
        }
        out.sort(java.util.Comparator.comparing(OutgoingEvent::subject));
        out.forEach(events::publish);
    }

    private void requirePlanned(SampleRequested input) {
        var planned = guard.requirePlanned(input.sample());
        if (!input.prompt().equals(planned.prompt()) || input.seed() != planned.seed()) {
            throw new InvalidInputException("sample " + input.sample().sampleId() + " of job " + input.sample().jobId()
                    + ": prompt and seed must be the planned ones");
        }
    }

    private OutgoingEvent generated(SampleGenerated g) {
        SampleHeader h = g.sample();
        return OutgoingEvent.of(EventType.SAMPLE_GENERATED, source, h.jobId(), h.sampleId(), g);
    }

    private OutgoingEvent failed(SampleService.Result result) {
        SampleHeader h = result.request().sample();
        LOG.infof("sample %s of job %s failed: %s", h.sampleId(), h.jobId(), result.failure().getMessage());
        return OutgoingEvent.of(EventType.SAMPLE_FAILED, source, h.jobId(), h.sampleId(), new SampleFailed(h,
                SampleService.STAGE, EventType.SAMPLE_BATCH_REQUESTED.type(), result.failure().getMessage()));
    }

    private <T> T read(byte[] data, Class<T> payload, EventType type) {
        try {
            return json.readValue(data, payload);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof InvalidInputException bad ? bad : e;
            throw new InvalidInputException(type + " data is not a valid " + payload.getSimpleName() + ": "
                    + cause.getMessage(), e);
        }
    }
}
