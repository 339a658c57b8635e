package io.maskmill.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

/**
 * The process's one ONNX Runtime environment, created safely.
 *
 * <p>ONNX Runtime 1.29's Linux build starts a telemetry client when the environment is created. It
 * reads {@code /proc/self/cmdline} and processes it recursively, about 300 bytes of native stack per
 * byte of command line, on the calling thread: a Java thread's default 1 MB stack overflows at about
 * 4 KB of command line (a {@code java -cp} with a long class path), and the process dies with SIGSEGV
 * and no hs_err file, because the JVM's own signal handler has no stack left either. So the
 * environment is created on a thread whose stack is sized from the command line, and telemetry is
 * switched off right after. Setting {@code ORT_DISABLE_TELEMETRY=1} in the environment skips the
 * client altogether (no {@code /tmp/mat-debug-*.log}, no {@code ~/.cache/Microsoft/DeveloperTools}).
 */
public final class OrtEnvironments {
    private static final long BASE_STACK = 16L << 20;
    /** Over three times the stack per command-line byte that was measured to overflow. */
    private static final long STACK_PER_BYTE = 1024;
    private static volatile OrtEnvironment shared;

    private OrtEnvironments() {
    }

    /** The environment; every Maskmill caller goes through this instead of {@link OrtEnvironment#getEnvironment()}. */
    public static OrtEnvironment shared() {
        OrtEnvironment env = shared;
        if (env == null) {
            synchronized (OrtEnvironments.class) {
                env = shared;
                if (env == null) {
                    env = create();
                    shared = env;
                }
            }
        }
        return env;
    }

    private static OrtEnvironment create() {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread starter = new Thread(null, () -> {
            try {
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                env.setTelemetry(false);
                result.set(env);
            } catch (OrtException | RuntimeException | Error e) {
                result.set(e);
            }
        }, "onnxruntime-start", stackSize());
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting ONNX Runtime", e);
        }
        Object r = result.get();
        if (r instanceof OrtEnvironment env) {
            return env;
        }
        throw new IllegalStateException("ONNX Runtime could not start: " + r, r instanceof Throwable t ? t : null);
    }

    /** A stack for the thread that creates the environment, sized from this process's command line. */
    static long stackSize() {
        return BASE_STACK + STACK_PER_BYTE * commandLineBytes();
    }

    private static long commandLineBytes() {
        try {
            return Files.readAllBytes(Path.of("/proc/self/cmdline")).length; // procfs reports size 0: read it
        } catch (IOException | RuntimeException e) {
            return 0; // not Linux: no such telemetry client either
        }
    }
}
