package io.maskmill.sample.scheduler;

/** The implemented samplers, by diffusers class name, with each class's defaults for absent config keys. */
public enum SchedulerKind {
    DDIM("DDIMScheduler", TimestepSpacing.LEADING, true, true),
    EULER("EulerDiscreteScheduler", TimestepSpacing.LINSPACE, false, false),
    EULER_ANCESTRAL("EulerAncestralDiscreteScheduler", TimestepSpacing.LINSPACE, false, false),
    /** DPM-Solver++(2M): multistep, order 2, data prediction, midpoint. */
    DPM_SOLVER_PP_2M("DPMSolverMultistepScheduler", TimestepSpacing.LINSPACE, false, false),
    LCM("LCMScheduler", TimestepSpacing.LEADING, true, false);

    public final String diffusersClass;
    final TimestepSpacing defaultSpacing;
    final boolean defaultSetAlphaToOne;
    final boolean defaultClipSample;

    SchedulerKind(String diffusersClass, TimestepSpacing defaultSpacing, boolean defaultSetAlphaToOne,
                  boolean defaultClipSample) {
        this.diffusersClass = diffusersClass;
        this.defaultSpacing = defaultSpacing;
        this.defaultSetAlphaToOne = defaultSetAlphaToOne;
        this.defaultClipSample = defaultClipSample;
    }

    /** The kind for a diffusers {@code _class_name}. */
    public static SchedulerKind ofDiffusersClass(String className, String source) {
        for (SchedulerKind k : values()) {
            if (k.diffusersClass.equals(className)) {
                return k;
            }
        }
        StringBuilder known = new StringBuilder();
        for (SchedulerKind k : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(k.diffusersClass);
        }
        throw new SchedulerConfigException(source + ": _class_name '" + className + "' is not implemented ("
                + known + "); pick one of those with the model's config, as diffusers' from_config does");
    }
}
