package io.maskmill.ops;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Application;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the application first and only then exit the JVM.
 *
 * <p>Why not the JVM's default (exit, running every shutdown hook at once): ONNX Runtime's Java binding
 * registers a hook that releases its native environment. Hooks run concurrently, so on a plain SIGTERM
 * that hook freed the environment under a UNet still running (SIGSEGV, the event lost) while Quarkus's
 * own hook was still waiting for the request in flight. Here the signal stops Quarkus, which refuses new
 * requests, lets those in flight finish (up to {@code quarkus.shutdown.timeout}) and closes the beans;
 * then the JVM exits and ONNX Runtime's hook finds nothing running. A second signal halts at once.
 */
public final class SignalShutdown {
    private static final Logger LOG = Logger.getLogger(SignalShutdown.class);
    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    private SignalShutdown() {
    }

    public static void install() {
        for (String name : new String[] { "TERM", "INT" }) {
            try {
                Signal.handle(new Signal(name), SignalShutdown::stop);
            } catch (IllegalArgumentException notHere) {
                // the platform lacks the signal or the JVM runs with -Xrs: its default handling stays
            }
        }
    }

    private static void stop(Signal signal) {
        int code = 128 + signal.getNumber(); // what the JVM's default handling exits with
        if (!STOPPING.compareAndSet(false, true)) {
            Runtime.getRuntime().halt(code);
        }
        new Thread(() -> {
            LOG.infof("SIG%s: stopping; work in flight finishes first (SIG%s again: quit at once)", signal.getName(),
                    signal.getName());
            Application app = Application.currentApplication();
            if (app != null) {
                app.stop();
            }
            System.exit(code);
        }, "maskmill-stop").start();
    }
}
