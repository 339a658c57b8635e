package io.maskmill.embedded;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.EventType;
import io.maskmill.events.JobPlanned;
import io.maskmill.events.OutgoingEvent;
import io.maskmill.events.SampleRejected;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A job's progress over its samples, with each stage's count beside it: on a terminal a bar redrawn
 * in place; otherwise (a log, CI, a pipe) a plain line every few seconds while something changed,
 * and one at the end, with no carriage returns or bar drawing. It also keeps why samples were rejected.
 */
final class ProgressDisplay implements BrokerListener, AutoCloseable {
    static final long PLAIN_INTERVAL_SECONDS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final boolean terminal;
    private final Map<String, Integer> stages = new TreeMap<>();
    private final Map<String, Integer> rejections = new TreeMap<>();
    private ProgressBar bar;
    private ScheduledExecutorService ticker;
    private JobPlanned job;
    private int finished;
    private String lastPrinted = "";
    private final long started = System.nanoTime();

    ProgressDisplay(PrintStream out) {
        this(out, System.console() != null);
    }

    ProgressDisplay(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    synchronized void start(JobPlanned job) {
        this.job = job;
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName("job " + job.jobId()).setInitialMax(job.samples())
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(out))
                    .setUpdateIntervalMillis(250).showSpeed().build();
        } else {
            out.printf("job %s: %d samples planned, classes %s%n", job.jobId(), job.samples(), job.classes());
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "maskmill-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::printPlain, PLAIN_INTERVAL_SECONDS, PLAIN_INTERVAL_SECONDS, TimeUnit.SECONDS);
        }
        update();
    }

    @Override
    public synchronized void delivered(OutgoingEvent event) {
        event.type().consumer().ifPresent(f -> {
            if (!f.equals("ingest")) {
                stages.merge(f, samples(event), Integer::sum);
            }
        });
        if (event.type() == EventType.SAMPLE_COMPLETED || event.type() == EventType.SAMPLE_REJECTED) {
            finished++;
        }
        if (event.type() == EventType.SAMPLE_REJECTED) {
            SampleRejected rejected = event.data() instanceof SampleRejected r ? r
                    : JSON.convertValue(event.data(), SampleRejected.class);
            rejections.merge(rejected.stage() + ": " + rejected.reason(), 1, Integer::sum);
        }
        update();
    }

    /** The samples an event is about: a planned UNet batch counts each of its samples. */
    private static int samples(OutgoingEvent event) {
        return event.data() instanceof io.maskmill.events.SampleBatchRequested b ? b.samples().size() : 1;
    }

    @Override
    public synchronized void failed(OutgoingEvent event, Throwable failure) {
        if (event.subject().contains("/")) {
            finished += samples(event);
        }
        stages.merge("failed", samples(event), Integer::sum);
        update();
    }

    /** Why samples were rejected ("stage: reason" → samples), commonest first. */
    synchronized Map<String, Integer> rejections() {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        rejections.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private String stageCounts() {
        StringBuilder counts = new StringBuilder();
        stages.forEach((stage, n) -> counts.append(stage).append(' ').append(n).append("  "));
        return counts.toString().trim();
    }

    private void update() {
        if (bar != null) {
            bar.stepTo(finished);
            bar.setExtraMessage(" " + stageCounts());
        }
    }

    /** One plain line, only when something moved since the last one. */
    synchronized void printPlain() {
        if (job == null) {
            return;
        }
        String line = String.format("job %s: %d/%d samples finished%s", job.jobId(), finished, job.samples(),
                stages.isEmpty() ? "" : " (" + stageCounts() + ")");
        if (!line.equals(lastPrinted)) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            out.printf("%s after %d s%n", line, seconds);
            lastPrinted = line;
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = ticker;
        }
        if (t != null) {
            t.shutdownNow();
            printPlain();
        }
        synchronized (this) {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
