package io.maskmill.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;

/**
 * One per process: the ONNX Runtime environment and the sessions opened on it. A model file is
 * opened once and its session shared by every caller (ONNX Runtime sessions are safe to run
 * concurrently); {@link #close()} releases them all.
 */
public final class OnnxRuntime implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OnnxRuntime.class);

    private final OrtEnvironment env = OrtEnvironments.shared();
    private final RuntimeSettings settings;
    private final Map<Path, ModelSession> sessions = new ConcurrentHashMap<>();
    private volatile String activeProvider;

    public OnnxRuntime(RuntimeSettings settings) {
        this.settings = settings;
    }

    public OrtEnvironment env() {
        return env;
    }

    public RuntimeSettings settings() {
        return settings;
    }

    /** "CUDA:0" or "CPU": what the sessions opened so far run on (null before the first). */
    public String activeProvider() {
        return activeProvider;
    }

    /** The shared session for {@code model}, opened on first use. */
    public ModelSession session(Path model) {
        Path key = model.toAbsolutePath().normalize();
        return sessions.computeIfAbsent(key, this::open);
    }

    private ModelSession open(Path model) {
        if (!Files.isRegularFile(model)) {
            throw new ModelFileException(model, "model file does not exist");
        }
        try (SessionOptions options = options(model)) {
            long start = System.nanoTime();
            OrtSession session = env.createSession(model.toString(), options);
            LOG.infof("Opened %s on %s in %d ms", model, activeProvider, (System.nanoTime() - start) / 1_000_000);
            return new ModelSession(model, session);
        } catch (OrtException e) {
            throw refused(model, e);
        }
    }

    /**
     * Why ONNX Runtime refused {@code model}: corruption only when the file does not parse, a missing or
     * short external weights file when that is so, otherwise ONNX Runtime's own reason.
     */
    static ModelFileException refused(Path model, OrtException e) {
        ai.onnx.proto.OnnxMl.ModelProto parsed;
        try {
            parsed = io.maskmill.runtime.graph.OnnxFiles.read(model);
        } catch (ModelFileException notOnnx) {
            return new ModelFileException(model, "cannot load it: " + notOnnx.getMessage().substring(model.toString().length() + 2)
                    + " (ONNX Runtime: " + e.getMessage() + ")", e);
        }
        try {
            io.maskmill.runtime.graph.OnnxFiles.requireExternalFiles(parsed, model);
        } catch (ModelFileException missing) {
            return new ModelFileException(missing.file(), "cannot load " + model.getFileName() + ": "
                    + missing.getMessage().substring(missing.file().toString().length() + 2), e);
        }
        return new ModelFileException(model, "ONNX Runtime refused the graph: " + e.getMessage(), e);
    }

    private SessionOptions options(Path model) throws OrtException {
        SessionOptions options = new SessionOptions();
        options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
        options.setCPUArenaAllocator(settings.cpuArena());
        options.setMemoryPatternOptimization(settings.memoryPattern());
        options.addConfigEntry("session.force_spinning_stop", "1");
        if (settings.intraOpThreads() > 0) {
            options.setIntraOpNumThreads(settings.intraOpThreads());
        }
        if (settings.interOpThreads() > 0) {
            options.setInterOpNumThreads(settings.interOpThreads());
        }
        activeProvider = addProvider(options, model);
        return options;
    }

    /** Adds CUDA where asked for and available; otherwise says (once per model) that CPU runs it. */
    private String addProvider(SessionOptions options, Path model) {
        if (settings.provider() == ExecutionProvider.CPU) {
            return "CPU";
        }
        try {
            options.addCUDA(settings.cudaDevice());
            return "CUDA:" + settings.cudaDevice();
        } catch (OrtException | UnsatisfiedLinkError | IllegalStateException e) {
            if (settings.provider() == ExecutionProvider.CUDA) {
                LOG.warnf("CUDA was asked for but is not available (%s); %s runs on the CPU provider",
                        e.getMessage(), model.getFileName());
            } else {
                LOG.infof("No CUDA execution provider here; %s runs on the CPU provider", model.getFileName());
            }
            return "CPU";
        }
    }

    @Override
    public void close() {
        sessions.values().forEach(ModelSession::close);
        sessions.clear();
    }
}
