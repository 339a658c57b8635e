package io.maskmill.runtime;

/**
 * How sessions are created.
 *
 * @param provider        CPU, CUDA or AUTO
 * @param cudaDevice      the CUDA device ordinal
 * @param intraOpThreads  threads inside one operator (0 = ONNX Runtime's default, one per core)
 * @param interOpThreads  threads across independent operators (0 = default)
 * @param cpuArena        keep ONNX Runtime's CPU memory arena (faster, holds on to peak memory)
 * @param memoryPattern   pre-plan allocations for repeated runs of the same shapes
 */
public record RuntimeSettings(ExecutionProvider provider, int cudaDevice, int intraOpThreads, int interOpThreads,
        boolean cpuArena, boolean memoryPattern) {

    public RuntimeSettings {
        if (provider == null) {
            throw new IllegalArgumentException("maskmill.runtime.provider is missing");
        }
        if (cudaDevice < 0 || intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("maskmill.runtime: device and thread counts must be >= 0");
        }
    }

    /** CPU only, ONNX Runtime's thread defaults, arena on. */
    public static RuntimeSettings cpu() {
        return new RuntimeSettings(ExecutionProvider.CPU, 0, 0, 0, true, true);
    }

    public RuntimeSettings withThreads(int intraOp) {
        return new RuntimeSettings(provider, cudaDevice, intraOp, interOpThreads, cpuArena, memoryPattern);
    }
}
