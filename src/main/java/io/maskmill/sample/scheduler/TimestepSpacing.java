package io.maskmill.sample.scheduler;

/** How inference steps are spread over the training timesteps (diffusers' {@code timestep_spacing}). */
public enum TimestepSpacing {
    /** Multiples of num_train/steps from 0, plus steps_offset (SD 1.x/2.x: offset 1). */
    LEADING("leading"),
    /** Evenly from 0 to num_train−1, both ends included. */
    LINSPACE("linspace"),
    /** Multiples of num_train/steps counted down from num_train, minus one: always starts at 999. */
    TRAILING("trailing");

    final String configName;

    TimestepSpacing(String configName) {
        this.configName = configName;
    }

    static TimestepSpacing ofConfigName(String name, String source) {
        for (TimestepSpacing s : values()) {
            if (s.configName.equals(name)) {
                return s;
            }
        }
        throw new SchedulerConfigException(source + ": timestep_spacing '" + name
                + "' not supported (leading, linspace, trailing)");
    }
}
