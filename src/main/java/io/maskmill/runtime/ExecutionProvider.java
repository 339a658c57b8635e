package io.maskmill.runtime;

/** Which ONNX Runtime execution provider sessions ask for. */
public enum ExecutionProvider {
    /** CUDA where the GPU build and a device are present, CPU otherwise. */
    AUTO,
    /** Always CPU. */
    CPU,
    /** CUDA; falls back to CPU (with a warning) where it cannot be had, so a job never dies of it. */
    CUDA
}
