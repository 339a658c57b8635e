package io.maskmill.embedded;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * A fixed number of worker threads shared fairly by jobs: every job has its own queue and the
 * workers serve the jobs with ready work in turn (round robin), so a small job is never stuck behind
 * a large one.
 *
 * <p>Within a job a task's {@link Ticket} orders it. Tasks of a higher phase start only when no task
 * of a lower phase is queued or running for that job, and tasks that share a lane run one at a time,
 * in their order key. That is exactly the order a single worker with one FIFO queue would produce for
 * the facts a stage reads from other samples (see {@link DeliveryOrder}), which is why any number of
 * workers writes the same bytes as one. Workers never block on each other: a task that may not start
 * yet stays queued and the worker takes another job's or another lane's.
 */
public final class FairWorkerPool {
    /** Configuration key: the number of workers (default: the number of cores). */
    public static final String WORKERS = "maskmill.embedded.workers";
    private static final Logger LOG = Logger.getLogger(FairWorkerPool.class);

    /**
     * How a task is ordered within its job.
     *
     * @param job   the fairness key (tasks of one job share one queue)
     * @param phase lower phases of a job drain before higher ones start
     * @param lane  null: runs alongside anything of its phase; otherwise one task of the lane at a time
     * @param order within a phase (and a lane), tasks start in this order (then in submission order)
     */
    public record Ticket(String job, int phase, String lane, String order) {
        public Ticket {
            order = order == null ? "" : order;
        }
    }

    private record Task(Ticket ticket, long seq, Runnable body) {
    }

    private static final Comparator<Task> IN_ORDER = Comparator.comparing((Task t) -> t.ticket().order())
            .thenComparingLong(Task::seq);

    /** One phase of one job: tasks that may run alongside each other, and lanes that run one at a time. */
    private static final class Phase {
        final TreeSet<Task> free = new TreeSet<>(IN_ORDER);
        final Map<String, TreeSet<Task>> lanes = new TreeMap<>();
        final Set<String> busy = new HashSet<>();
        int queued;
        int running;

        Task poll() {
            if (!free.isEmpty()) {
                return free.pollFirst();
            }
            for (Map.Entry<String, TreeSet<Task>> lane : lanes.entrySet()) {
                if (!busy.contains(lane.getKey()) && !lane.getValue().isEmpty()) {
                    busy.add(lane.getKey());
                    return lane.getValue().pollFirst();
                }
            }
            return null;
        }
    }

    private final String name;
    private final Object lock = new Object();
    /** Per job, its phases with queued or running tasks; the map's order is the round robin's. */
    private final Map<String, TreeMap<Integer, Phase>> jobs = new LinkedHashMap<>();
    private int workers;
    private int threads;
    private int started;
    private long seq;
    private boolean shutdown;

    public FairWorkerPool(String name, int workers) {
        this.name = name;
        this.workers = checked(workers, "workers");
    }

    /** A pool sized by {@value #WORKERS} (default: the number of cores). */
    public static FairWorkerPool configured(String name) {
        int cores = Runtime.getRuntime().availableProcessors();
        int n = ConfigProvider.getConfig().getOptionalValue(WORKERS, Integer.class).orElse(cores);
        return new FairWorkerPool(name, checked(n, WORKERS));
    }

    private static int checked(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + n);
        }
        return n;
    }

    public int workers() {
        synchronized (lock) {
            return workers;
        }
    }

    /** Changes the number of workers; surplus workers leave after their current task. */
    public void setWorkers(int n) {
        synchronized (lock) {
            workers = checked(n, "workers");
            lock.notifyAll();
        }
    }

    /** Queues {@code body}; throws {@link RejectedExecutionException} once the pool is shut down. */
    public void execute(Ticket ticket, Runnable body) {
        synchronized (lock) {
            if (shutdown) {
                throw new RejectedExecutionException(name + " is shut down");
            }
            Task task = new Task(ticket, seq++, body);
            Phase phase = jobs.computeIfAbsent(ticket.job(), j -> new TreeMap<>())
                    .computeIfAbsent(ticket.phase(), p -> new Phase());
            (ticket.lane() == null ? phase.free
                    : phase.lanes.computeIfAbsent(ticket.lane(), l -> new TreeSet<>(IN_ORDER))).add(task);
            phase.queued++;
            if (threads < workers) {
                threads++;
                Thread t = new Thread(this::work, name + "-" + (++started));
                t.setDaemon(true);
                t.start();
            }
            lock.notifyAll();
        }
    }

    private void work() {
        while (true) {
            Task task;
            synchronized (lock) {
                while (true) {
                    if (threads > workers || shutdown) {
                        leave();
                        return;
                    }
                    task = next();
                    if (task != null) {
                        break;
                    }
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        leave();
                        return;
                    }
                }
            }
            try {
                task.body().run();
            } catch (Throwable t) {
                LOG.errorf(t, "%s: a task of job %s failed", name, task.ticket().job());
            } finally {
                synchronized (lock) {
                    finished(task.ticket());
                    lock.notifyAll();
                }
            }
        }
    }

    private void leave() {
        threads--;
        lock.notifyAll();
    }

    /** The next task in round robin over jobs: the first job, from the front, with a task that may start. */
    private Task next() {
        Iterator<Map.Entry<String, TreeMap<Integer, Phase>>> it = jobs.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, TreeMap<Integer, Phase>> job = it.next();
            Phase lowest = job.getValue().firstEntry().getValue(); // only the lowest phase may run
            Task task = lowest.poll();
            if (task != null) {
                lowest.queued--;
                lowest.running++;
                it.remove(); // to the back of the round robin
                jobs.put(job.getKey(), job.getValue());
                return task;
            }
        }
        return null;
    }

    private void finished(Ticket ticket) {
        TreeMap<Integer, Phase> phases = jobs.get(ticket.job());
        Phase phase = phases.get(ticket.phase());
        phase.running--;
        if (ticket.lane() != null) {
            phase.busy.remove(ticket.lane());
        }
        if (phase.running == 0 && phase.queued == 0) {
            phases.remove(ticket.phase());
            if (phases.isEmpty()) {
                jobs.remove(ticket.job());
            }
        }
    }

    /** Takes no more tasks and drops the queued ones; tasks under way finish. Returns how many were dropped. */
    public int shutdownNow() {
        synchronized (lock) {
            shutdown = true;
            int dropped = 0;
            for (Iterator<TreeMap<Integer, Phase>> j = jobs.values().iterator(); j.hasNext();) {
                TreeMap<Integer, Phase> phases = j.next();
                for (Iterator<Phase> p = phases.values().iterator(); p.hasNext();) {
                    Phase phase = p.next();
                    dropped += phase.queued;
                    phase.queued = 0;
                    phase.free.clear();
                    phase.lanes.clear();
                    if (phase.running == 0) {
                        p.remove();
                    }
                }
                if (phases.isEmpty()) {
                    j.remove();
                }
            }
            lock.notifyAll();
            return dropped;
        }
    }

    /** After {@link #shutdownNow}: waits until no task is running; false on timeout. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!jobs.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** Tasks queued or running, per job (for tests and diagnostics). */
    public Map<String, Integer> pending() {
        synchronized (lock) {
            Map<String, Integer> out = new HashMap<>();
            jobs.forEach((job, phases) -> out.put(job,
                    phases.values().stream().mapToInt(p -> p.queued + p.running).sum()));
            return out;
        }
    }

    @Override
    public String toString() {
        return name + " (" + workers() + " workers)";
    }
}
