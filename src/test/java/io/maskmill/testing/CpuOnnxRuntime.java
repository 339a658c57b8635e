package io.maskmill.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.maskmill.runtime.OnnxRuntime;
import io.maskmill.runtime.RuntimeSettings;

/**
 * A real ONNX Runtime on the CPU for the tests of one class, closed after them:
 * {@code @RegisterExtension static final CpuOnnxRuntime ORT = new CpuOnnxRuntime();}
 */
public final class CpuOnnxRuntime implements AfterAllCallback {
    private final OnnxRuntime runtime = new OnnxRuntime(RuntimeSettings.cpu());

    public OnnxRuntime get() {
        return runtime;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        runtime.close();
    }
}
