package io.maskmill.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.EventType;
import io.maskmill.events.JobPlanned;
import io.maskmill.events.MaskRefined;
import io.maskmill.events.OutgoingEvent;
import io.maskmill.events.SampleHeader;
import io.maskmill.ingest.JobPlan;
import io.maskmill.ingest.JobRecords;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.LocalArtifactStore;
import io.maskmill.store.StageMarkers;
import io.maskmill.testing.PlannedJobs;

/**
 * A sample that stops moving (its event lost) is driven on again once it has not moved for
 * stall-after, from its last complete stage; one that moves, or has ended, is left alone.
 */
class StallSweeperTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aSampleThatStopsMovingIsDrivenOnFromItsLastCompleteStage() throws Exception {
        LocalArtifactStore store = new LocalArtifactStore(tmp, Set.of("maskmill"));
        String job = "stall-1";
        List<String> classes = List.of("dog");
        PlannedJobs.write(store, job, classes, List.of(new JobPlan.PlannedSample("s000000", "dog", "a dog", 1),
                new JobPlan.PlannedSample("s000001", "dog", "a dog", 2), new JobPlan.PlannedSample("s000002", "dog", "a dog", 3)));
        List<OutgoingEvent> published = new ArrayList<>();
        JobRecords records = new JobRecords(store, JSON);
        SampleGuard guard = new SampleGuard(store, JSON, records);
        JobLedger ledger = new JobLedger(store, JSON, records, published::add, guard, "/tests");
        JobResumer resumer = new JobResumer(store, JSON, records, ledger, published::add, "/tests");
        ledger.planned(new JobPlanned(job, 3, classes, store.uri(ArtifactKeys.plan(job)).toString()));
        // s000000 got through optimize; s000001 has nothing; s000002 completed
        SampleHeader first = new SampleHeader(job, "s000000", 1, "dog", classes, "a dog", 1L);
        new StageMarkers(store, JSON).finished(first, "optimize", new MaskRefined(first, java.util.Map.of(), java.util.Map.of()));
        SampleHeader third = new SampleHeader(job, "s000002", 1, "dog", classes, "a dog", 3L);
        store.put(ArtifactKeys.stageMarker(job, "s000002", "harmonize"), "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        ledger.ended(third, Outcome.COMPLETED, "harmonize", "");

        MutableClock clock = new MutableClock();
        StallSweeper sweeper = new StallSweeper(resumer, ledger, records, store, JSON, config(Duration.ofMinutes(30)));
        sweeper.clock(clock);
        assertEquals(0, sweeper.sweep(), "the first look only notes where each sample is");
        clock.advance(Duration.ofMinutes(29));
        assertEquals(0, sweeper.sweep(), "not stalled yet");
        clock.advance(Duration.ofMinutes(2));
        assertEquals(2, sweeper.sweep(), "both open samples have not moved for 31 minutes");
        assertEquals(List.of(EventType.MASK_REFINED, EventType.SAMPLE_REQUESTED),
                published.stream().map(OutgoingEvent::type).toList(), "each from its last complete stage");
        assertEquals(2, JSON.readTree(store.get(LedgerKeys.stalled(job))).path("samples").asInt());

        // s000001 moves on (its sample marker appears): only s000000 stalls again
        published.clear();
        SampleHeader second = new SampleHeader(job, "s000001", 1, "dog", classes, "a dog", 2L);
        new StageMarkers(store, JSON).finished(second, "sample", new io.maskmill.events.SampleGenerated(second,
                java.util.Map.of(), java.util.Map.of()));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(0, sweeper.sweep());
        clock.advance(Duration.ofMinutes(30));
        assertEquals(2, sweeper.sweep());
        assertEquals(List.of(EventType.MASK_REFINED, EventType.SAMPLE_GENERATED),
                published.stream().map(OutgoingEvent::type).toList());
    }

    private static LedgerConfig config(Duration stallAfter) {
        return new LedgerConfig() {
            public boolean resumeOnStart() {
                return false;
            }

            public Duration stallAfter() {
                return stallAfter;
            }

            public Duration sweepEvery() {
                return Duration.ofMinutes(1);
            }

            public String redrive() {
                return "always";
            }
        };
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
