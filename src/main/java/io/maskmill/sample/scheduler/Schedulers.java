package io.maskmill.sample.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/** Builds schedulers from a kind and config, or from a diffusers {@code scheduler_config.json}. */
public final class Schedulers {
    private Schedulers() {
    }

    public static Scheduler create(SchedulerKind kind, SchedulerConfig config) {
        return switch (kind) {
            case DDIM -> new DdimScheduler(config);
            case EULER -> new EulerDiscreteScheduler(config);
            case EULER_ANCESTRAL -> new EulerAncestralScheduler(config);
            case DPM_SOLVER_PP_2M -> new DpmSolverMultistepScheduler(config);
            case LCM -> new LcmScheduler(config);
        };
    }

    /** The scheduler the file's {@code _class_name} names, with the file's settings. */
    public static Scheduler fromConfigFile(Path schedulerConfigJson) {
        JsonNode json = SchedulerConfig.readJson(schedulerConfigJson);
        String source = schedulerConfigJson.toString();
        SchedulerKind kind = SchedulerConfig.kindOf(json, source);
        return create(kind, SchedulerConfig.fromJson(json, kind, source));
    }

    /** Another scheduler class on the model's training schedule (e.g. a PNDM config sampled with Euler). */
    public static Scheduler fromConfigFile(Path schedulerConfigJson, SchedulerKind kind) {
        return create(kind, SchedulerConfig.read(schedulerConfigJson, kind));
    }
}
