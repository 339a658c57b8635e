package io.maskmill.sample.scheduler;

/** What the UNet predicts: the noise, the velocity v = alpha·eps − sigma·x0 (SD 2.x 768), or the clean sample. */
public enum PredictionType {
    EPSILON("epsilon"), V_PREDICTION("v_prediction"), SAMPLE("sample");

    final String configName;

    PredictionType(String configName) {
        this.configName = configName;
    }

    static PredictionType ofConfigName(String name, String source) {
        for (PredictionType p : values()) {
            if (p.configName.equals(name)) {
                return p;
            }
        }
        throw new SchedulerConfigException(source + ": prediction_type '" + name
                + "' not supported (epsilon, v_prediction, sample)");
    }
}
