package io.maskmill.harmonize;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code maskmill.harmonize.method} picks the built-in method; the mapping's defaults are the settings' defaults. */
class HarmonizeConfigTest {
    private static HarmonizeConfig config(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(HarmonizeConfig.class)
                .withSources(new PropertiesConfigSource(values, "test", 100)).build();
        return config.getConfigMapping(HarmonizeConfig.class);
    }

    @Test
    void boundaryContinuityIsTheDefaultAndRainIsSelectable() {
        Harmonizer byDefault = config(Map.of()).builtIn();
        BoundaryHarmonizer boundary = assertInstanceOf(BoundaryHarmonizer.class, byDefault);
        assertEquals(BoundarySettings.defaults(), boundary.settings());

        RainHarmonizer rain = assertInstanceOf(RainHarmonizer.class, config(Map.of("maskmill.harmonize.method", "rain")).builtIn());
        assertEquals(RainSettings.defaults(), rain.settings());

        BoundaryHarmonizer tuned = assertInstanceOf(BoundaryHarmonizer.class, config(Map.of(
                "maskmill.harmonize.boundary.strength", "1", "maskmill.harmonize.boundary.max-shift-levels", "30")).builtIn());
        assertEquals(BoundarySettings.defaults().withStrength(1).withMaxShift(30), tuned.settings());

        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("maskmill.harmonize.method", "adain")).builtIn());
        assertTrue(wrong.getMessage().contains("maskmill.harmonize.method is 'adain'"), wrong.getMessage());
    }
}
