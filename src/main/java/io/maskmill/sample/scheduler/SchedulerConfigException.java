package io.maskmill.sample.scheduler;

/** A scheduler configuration that cannot be honoured; the message names the source and the key. */
public class SchedulerConfigException extends IllegalArgumentException {
    public SchedulerConfigException(String message) {
        super(message);
    }

    public SchedulerConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
