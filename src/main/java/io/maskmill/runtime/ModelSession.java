package io.maskmill.runtime;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/** An open model: its inputs and outputs as {@link TensorSpec}s, and runs whose errors name the file. */
public final class ModelSession implements AutoCloseable {
    private final Path file;
    private final OrtSession session;
    private final Map<String, TensorSpec> inputs;
    private final Map<String, TensorSpec> outputs;
    private final Map<String, String> metadata;
    /** Runs hold it shared, close exclusively: closing waits for a run in progress instead of freeing memory under it. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    ModelSession(Path file, OrtSession session) throws OrtException {
        this.file = file;
        this.session = session;
        this.inputs = specs(session.getInputInfo());
        this.outputs = specs(session.getOutputInfo());
        this.metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
    }

    /** The model's {@code metadata_props}: how it wants its inputs, what it was trained on. */
    public Map<String, String> metadata() {
        return metadata;
    }

    private Map<String, TensorSpec> specs(Map<String, NodeInfo> infos) {
        Map<String, TensorSpec> specs = new LinkedHashMap<>();
        infos.forEach((name, info) -> {
            if (!(info.getInfo() instanceof TensorInfo t)) {
                throw new ModelFileException(file, "input/output '" + name + "' is not a tensor");
            }
            String where = "'" + name + "'";
            try {
                specs.put(name, new TensorSpec(name, ElementType.of(t.type, where), t.getShape()));
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file, e.getMessage());
            }
        });
        return Collections.unmodifiableMap(specs);
    }

    public Path file() {
        return file;
    }

    public Map<String, TensorSpec> inputs() {
        return inputs;
    }

    public Map<String, TensorSpec> outputs() {
        return outputs;
    }

    /** The input named {@code name}; a {@link ModelFileException} listing the inputs if there is none. */
    public TensorSpec input(String name) {
        TensorSpec spec = inputs.get(name);
        if (spec == null) {
            throw new ModelFileException(file, "has no input '" + name + "' (inputs: " + inputs.values() + ")");
        }
        return spec;
    }

    public TensorSpec output(String name) {
        TensorSpec spec = outputs.get(name);
        if (spec == null) {
            throw new ModelFileException(file, "has no output '" + name + "' (outputs: " + outputs.values() + ")");
        }
        return spec;
    }

    /** Runs the model; the caller closes the result. */
    public OrtSession.Result run(Map<String, ? extends OnnxTensorLike> feeds) {
        return run(feeds, Map.of());
    }

    /**
     * Runs the model writing into the caller's {@code outputs} (pinned: tensors over buffers the
     * caller keeps and reads); only those outputs are computed. The caller closes the result, which
     * leaves the pinned tensors open.
     */
    public OrtSession.Result run(Map<String, ? extends OnnxTensorLike> feeds, Map<String, ? extends OnnxValue> outputs) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException(file + " is closed: this instance is shutting down");
            }
            return outputs.isEmpty() ? session.run(feeds) : session.run(feeds, outputs);
        } catch (OrtException e) {
            throw new IllegalStateException("running " + file + " failed: " + e.getMessage(), e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                session.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("closing " + file + ": " + e.getMessage(), e);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
