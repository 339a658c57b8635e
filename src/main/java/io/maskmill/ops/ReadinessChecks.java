package io.maskmill.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.maskmill.events.MaskmillFunction;
import io.maskmill.sample.SampleService;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.LocalArtifactStore;
import io.quarkus.arc.ClientProxy;
import io.quarkus.funqy.Funq;

/**
 * Readiness ({@code /q/health/ready}): an instance takes events only while its store answers and the
 * models of the functions it serves load. Loading a model can take minutes (a download, ONNX
 * sessions), so that check runs in the background: DOWN while it runs, DOWN with the reason when it
 * failed (and tried again on the next probe), UP once it has succeeded.
 */
@ApplicationScoped
public class ReadinessChecks {
    /** Under {@code jobs/}, which every service may list; no job id can start with '_'. */
    static final String PROBE_PREFIX = "jobs/_readiness/";

    private final ArtifactStore store;
    private final Instance<MaskmillFunction> functions;
    private final Instance<SampleService> sample;
    private final Optional<String> exported;
    private final AtomicReference<ModelState> models = new AtomicReference<>(new ModelState(State.NOT_STARTED, ""));
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "maskmill-readiness-models");
        t.setDaemon(true);
        return t;
    });

    private enum State { NOT_STARTED, LOADING, READY, FAILED }

    private record ModelState(State state, String detail) {
    }

    public ReadinessChecks(ArtifactStore store, @Any Instance<MaskmillFunction> functions, Instance<SampleService> sample,
            @ConfigProperty(name = "quarkus.funqy.export") Optional<String> exported) {
        this.store = store;
        this.functions = functions;
        this.sample = sample;
        this.exported = exported;
    }

    @Produces
    @Readiness
    HealthCheck storeCheck() {
        return () -> {
            var response = HealthCheckResponse.named("store").withData("store", store.describe());
            try {
                ArtifactStore target = store instanceof MeteredArtifactStore m ? m.delegate() : store;
                if (target instanceof LocalArtifactStore local) {
                    Path root = local.root();
                    if (!Files.isDirectory(root) || !Files.isWritable(root)) {
                        return response.down().withData("error", root + " is not a writable directory").build();
                    }
                }
                store.list(PROBE_PREFIX);
                return response.up().build();
            } catch (RuntimeException e) {
                return response.down().withData("error", String.valueOf(e.getMessage())
                        + (e.getCause() == null ? "" : ": " + e.getCause().getMessage())).build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck modelsCheck() {
        return () -> {
            ModelState now = models.get();
            if (now.state() == State.NOT_STARTED || now.state() == State.FAILED) {
                if (models.compareAndSet(now, new ModelState(State.LOADING, now.detail()))) {
                    loader.execute(this::load);
                }
            }
            ModelState current = models.get();
            var response = HealthCheckResponse.named("models").withData("state", current.state().name().toLowerCase());
            if (!current.detail().isEmpty()) {
                response.withData(current.state() == State.READY ? "loaded" : "error", current.detail());
            }
            return current.state() == State.READY ? response.up().build() : response.down().build();
        };
    }

    /**
     * Instantiates each function this instance serves (constructing it loads the models its
     * configuration names) and loads the sample stage's default model.
     */
    private void load() {
        List<String> loaded = new ArrayList<>();
        try {
            for (Instance.Handle<MaskmillFunction> handle : functions.handles()) {
                List<String> names = funqNames(handle.getBean().getBeanClass());
                if (names.stream().noneMatch(this::served)) {
                    continue;
                }
                ClientProxy.unwrap(handle.get());
                loaded.addAll(names);
                if (names.contains("sample")) {
                    loaded.add("sample model " + sample.get().loadDefaultModel());
                }
            }
            models.set(new ModelState(State.READY, String.join(", ", loaded)));
        } catch (RuntimeException | Error e) {
            models.set(new ModelState(State.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static List<String> funqNames(Class<?> beanClass) {
        List<String> names = new ArrayList<>();
        for (var method : beanClass.getMethods()) {
            Funq funq = method.getAnnotation(Funq.class);
            if (funq != null) {
                names.add(funq.value().isEmpty() ? method.getName() : funq.value());
            }
        }
        return names;
    }

    private boolean served(String function) {
        return exported.isEmpty() || exported.get().equals(function);
    }

    @PreDestroy
    void stop() {
        loader.shutdownNow();
    }
}
