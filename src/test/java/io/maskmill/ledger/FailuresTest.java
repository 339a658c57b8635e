package io.maskmill.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.EventType;
import io.maskmill.events.OutgoingEvent;
import io.maskmill.events.SampleBatchRequested;
import io.maskmill.events.SampleFailed;
import io.maskmill.events.SampleHeader;
import io.maskmill.events.SampleRequested;

/** A delivery that failed for good becomes one failure per sample it is about, a batch's included. */
class FailuresTest {
    private final ObjectMapper json = new ObjectMapper();

    private static SampleHeader header(int i) {
        return new SampleHeader("j1", "s00000" + i, 1, "dog", List.of("dog"), "a dog", 10L + i);
    }

    @Test
    void aFailedBatchIsAFailureOfEachOfItsSamples() {
        List<SampleHeader> headers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            headers.add(header(i));
        }
        OutgoingEvent batch = OutgoingEvent.of(EventType.SAMPLE_BATCH_REQUESTED, "/maskmill/ingest", "j1", "s000000",
                new SampleBatchRequested(headers, Map.of()));
        List<OutgoingEvent> failed = Failures.of(batch, new IllegalStateException("ONNX Runtime failed"), json);
        assertThat(failed).extracting(OutgoingEvent::subject).containsExactly("j1/s000000", "j1/s000001", "j1/s000002");
        assertThat(failed).extracting(OutgoingEvent::type).containsOnly(EventType.SAMPLE_FAILED);
        SampleFailed first = (SampleFailed) failed.get(0).data();
        assertThat(first.sample()).isEqualTo(headers.get(0));
        assertThat(first.stage()).isEqualTo("sample");
        assertThat(first.event()).isEqualTo("maskmill.sample.batch.requested");
        assertThat(first.reason()).isEqualTo("ONNX Runtime failed");
    }

    @Test
    void aSingleRequestIsOneFailureAndTheLedgersOwnEventsNone() {
        OutgoingEvent one = OutgoingEvent.of(EventType.SAMPLE_REQUESTED, "/maskmill/ingest", "j1", "s000001",
                new SampleRequested(header(1), "a dog", 11L, Map.of()));
        assertThat(Failures.of(one, new RuntimeException(), json)).singleElement()
                .satisfies(e -> assertThat(((SampleFailed) e.data()).reason()).isEqualTo("RuntimeException"));
        OutgoingEvent own = OutgoingEvent.of(EventType.SAMPLE_FAILED, "/maskmill/embedded", "j1", "s000001",
                new SampleFailed(header(1), "sample", "maskmill.sample.requested", "x"));
        assertThat(Failures.of(own, new RuntimeException("x"), json)).isEmpty();
    }
}
