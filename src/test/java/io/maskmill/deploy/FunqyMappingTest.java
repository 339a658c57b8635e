package io.maskmill.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskmill.events.EventType;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The Funqy trigger mapping in application.properties routes each type to the function EventType names. */
class FunqyMappingTest {

    private static final Path PROPERTIES = Path.of("src", "main", "resources", "application.properties");
    private static final Pattern MAPPING = Pattern.compile("quarkus\\.funqy\\.knative-events\\.mapping\\.([^.]+)\\.trigger");

    @Test
    void everyMappedTriggerIsATypeItsFunctionConsumes() throws IOException {
        Assumptions.assumeTrue(Files.exists(PROPERTIES), PROPERTIES + " not written yet");
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(PROPERTIES)) {
            properties.load(in);
        }
        for (String key : properties.stringPropertyNames()) {
            Matcher m = MAPPING.matcher(key.replaceFirst("^%[^.]+\\.", ""));
            if (!m.matches()) {
                continue;
            }
            String function = m.group(1);
            String type = properties.getProperty(key).strip();
            Optional<EventType> event = EventType.of(type);
            assertThat(event).as("%s = %s: not a type EventType knows", key, type).isPresent();
            assertThat(event.get().consumer()).as("%s = %s: EventType names another consumer", key, type).contains(function);
        }
    }
}
