package io.maskmill.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A JVM started with a 40 KB command line (a long {@code java -cp}) starts ONNX Runtime. Created on
 * the calling thread, ONNX Runtime 1.29's telemetry client overflows the stack there and the process
 * dies with SIGSEGV (exit 139) and no hs_err file.
 */
class OrtEnvironmentsTest {

    /** Run in the child JVM: start ONNX Runtime as Maskmill does and say so. */
    public static final class Start {
        public static void main(String[] args) {
            OrtEnvironments.shared();
            System.out.println("started; command line " + System.getProperty("java.class.path").length() + " chars of class path");
        }
    }

    @Test
    void startsUnderALongClassPath() throws Exception {
        StringBuilder cp = new StringBuilder(System.getProperty("java.class.path"));
        for (int i = 0; cp.length() < 40_000; i++) {
            cp.append(java.io.File.pathSeparator).append("/nonexistent/padding/entry-").append(i).append(".jar");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", cp.toString(), Start.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("ORT_DISABLE_TELEMETRY"); // the crash needs the telemetry client running
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM still running: " + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("started;"), out);
    }
}
