package io.maskmill.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class FairWorkerPoolTest {
    private static final Duration WAIT = Duration.ofSeconds(30); // a deadlock guard, never a timing assert

    private static FairWorkerPool.Ticket free(String job) {
        return new FairWorkerPool.Ticket(job, 0, null, "");
    }

    /** A job queued after 100 tasks of another gets every other turn, not the 101st. */
    @Test
    void aSmallJobIsNotStuckBehindALargeOne() throws Exception {
        FairWorkerPool pool = new FairWorkerPool("test", 1);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch queued = new CountDownLatch(1);
        pool.execute(free("large"), () -> {
            await(queued);
            ran.add("large");
        });
        for (int i = 1; i < 100; i++) {
            pool.execute(free("large"), () -> ran.add("large"));
        }
        for (int i = 0; i < 3; i++) {
            pool.execute(free("small"), () -> ran.add("small"));
        }
        queued.countDown();
        drain(pool);
        assertEquals(103, ran.size());
        // turns alternate: whether or not the first large task was taken before the small job came,
        // the small job's three tasks are among the first seven
        assertEquals(3, ran.subList(0, 7).stream().filter("small"::equals).count(), ran.subList(0, 7).toString());
    }

    /** Many workers really run at once: three tasks that wait for each other all finish. */
    @Test
    void workersRunSideBySide() throws Exception {
        FairWorkerPool pool = new FairWorkerPool("test", 3);
        CyclicBarrier all = new CyclicBarrier(3);
        AtomicInteger met = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            pool.execute(free("job-" + i % 2), () -> {
                try {
                    all.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    met.incrementAndGet();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        drain(pool);
        assertEquals(3, met.get());
    }

    /**
     * A later phase starts only when the earlier phases of its job are done; a lane runs one task at a
     * time, in order; another job is not held up by either.
     */
    @Test
    void phasesDrainInOrderAndLanesRunOneAtATimeInOrder() throws Exception {
        FairWorkerPool pool = new FairWorkerPool("test", 4);
        AtomicInteger phase0Done = new AtomicInteger();
        Map<String, List<String>> laneOrder = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> inLane = new ConcurrentHashMap<>();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch otherJobRan = new CountDownLatch(1);
        for (int i = 0; i < 3; i++) { // three of the four workers held: the fourth serves job b
            pool.execute(new FairWorkerPool.Ticket("a", 0, null, "s" + i), () -> {
                await(release);
                phase0Done.incrementAndGet();
            });
        }
        // submitted in reverse order: the order key, not submission, decides within a lane
        for (int i = 9; i >= 0; i--) {
            String lane = i % 2 == 0 ? "even" : "odd";
            String order = "s" + i;
            pool.execute(new FairWorkerPool.Ticket("a", 1, lane, order), () -> {
                if (phase0Done.get() != 3) {
                    violations.add(order + " started before phase 0 ended");
                }
                if (inLane.computeIfAbsent(lane, l -> new AtomicInteger()).incrementAndGet() != 1) {
                    violations.add(order + " ran beside another task of lane " + lane);
                }
                Thread.onSpinWait();
                laneOrder.computeIfAbsent(lane, l -> Collections.synchronizedList(new ArrayList<>())).add(order);
                inLane.get(lane).decrementAndGet();
            });
        }
        pool.execute(new FairWorkerPool.Ticket("b", 1, "even", "s0"), otherJobRan::countDown);
        assertTrue(otherJobRan.await(WAIT.toSeconds(), TimeUnit.SECONDS), "job b ran while job a's phase 0 waited");
        release.countDown();
        drain(pool);
        assertEquals(List.of(), violations);
        assertEquals(List.of("s0", "s2", "s4", "s6", "s8"), laneOrder.get("even"));
        assertEquals(List.of("s1", "s3", "s5", "s7", "s9"), laneOrder.get("odd"));
    }

    /** Shutdown drops what waits, lets what runs finish, and refuses new work. */
    @Test
    void shutdownFinishesTheRunningTaskAndDropsTheQueued() throws Exception {
        FairWorkerPool pool = new FairWorkerPool("test", 1);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        pool.execute(free("a"), () -> {
            running.countDown();
            await(release);
            finished.incrementAndGet();
        });
        pool.execute(free("a"), finished::incrementAndGet);
        pool.execute(free("b"), finished::incrementAndGet);
        assertTrue(running.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(2, pool.shutdownNow());
        assertThrows(RejectedExecutionException.class, () -> pool.execute(free("a"), () -> { }));
        release.countDown();
        assertTrue(pool.awaitTermination(WAIT));
        assertEquals(1, finished.get(), "the running task finished, the queued two were dropped");
    }

    @Test
    void refusesZeroWorkers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FairWorkerPool("test", 0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }

    private static void drain(FairWorkerPool pool) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!pool.pending().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "tasks still pending: " + pool.pending());
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
