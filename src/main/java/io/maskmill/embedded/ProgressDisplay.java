package io.maskmill.embedded;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

import io.maskmill.events.EventType;
import io.maskmill.events.JobPlanned;
import io.maskmill.events.OutgoingEvent;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar over a job's samples, with each stage's count beside it. */
final class ProgressDisplay implements BrokerListener, AutoCloseable {
    private final PrintStream out;
    private final Map<String, Integer> stages = new TreeMap<>();
    private ProgressBar bar;
    private int finished;

    ProgressDisplay(PrintStream out) {
        this.out = out;
    }

    synchronized void start(JobPlanned job) {
        // On a terminal the bar redraws in place; in a log (CI, a pipe) it prints a line now and then.
        boolean terminal = System.console() != null;
        bar = new ProgressBarBuilder().setTaskName("job " + job.jobId()).setInitialMax(job.samples())
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(terminal ? new ConsoleProgressBarConsumer(out) : new DelegatingProgressBarConsumer(out::println))
                .setUpdateIntervalMillis(terminal ? 250 : 5000).showSpeed().build();
        update();
    }

    @Override
    public synchronized void delivered(OutgoingEvent event) {
        event.type().consumer().ifPresent(f -> {
            if (!f.equals("ingest")) {
                stages.merge(f, 1, Integer::sum);
            }
        });
        if (event.type() == EventType.SAMPLE_COMPLETED || event.type() == EventType.SAMPLE_REJECTED) {
            finished++;
        }
        update();
    }

    @Override
    public synchronized void failed(OutgoingEvent event, Throwable failure) {
        if (event.subject().contains("/")) {
            finished++;
        }
        stages.merge("failed", 1, Integer::sum);
        update();
    }

    private void update() {
        if (bar != null) {
            bar.stepTo(finished);
            StringBuilder extra = new StringBuilder();
            stages.forEach((stage, n) -> extra.append(stage).append(' ').append(n).append("  "));
            bar.setExtraMessage(" " + extra.toString().trim());
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
