package io.maskmill.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskmill.events.EventType;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Funqy mapping in application.properties routes every consumed type to the function EventType
 * names, and every response type is a type EventType knows. "*" (Funqy's catch-all) is allowed for
 * the one function that consumes several types, provided no other function claims those types; the
 * ledger, which also takes several, has an alias function ({@code ledger-*}) per further type.
 */
class FunqyMappingTest {

    private static final Path PROPERTIES = Path.of("src", "main", "resources", "application.properties");
    private static final Pattern MAPPING =
            Pattern.compile("quarkus\\.funqy\\.knative-events\\.mapping\\.([^.]+)\\.(trigger|response-type)");

    @Test
    void funqyRoutesEveryTypeToTheFunctionEventTypeNames() throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(PROPERTIES)) {
            properties.load(in);
        }
        Map<String, String> triggerByFunction = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher m = MAPPING.matcher(key);
            if (!m.matches()) {
                continue;
            }
            String value = properties.getProperty(key).strip();
            if (m.group(2).equals("trigger")) {
                triggerByFunction.put(m.group(1), value);
            } else {
                assertThat(EventType.of(value)).as("%s = %s: not a type EventType knows", key, value).isPresent();
            }
        }
        for (EventType type : EventType.values()) {
            if (type.consumer().isEmpty()) {
                assertThat(triggerByFunction).as("terminal %s must trigger nothing", type).doesNotContainValue(type.type());
                continue;
            }
            String consumer = type.consumer().get();
            String trigger = triggerByFunction.get(consumer);
            var alias = triggerByFunction.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(consumer + "-") && e.getValue().equals(type.type())).findFirst();
            if (alias.isPresent()) {
                // a function taking several types by name (the ledger): an alias of it holds this type's trigger
                continue;
            }
            assertThat(trigger).as("%s has no Funqy trigger", consumer).isNotNull();
            if (trigger.equals("*")) {
                assertThat(triggerByFunction.values()).as("%s is claimed by another function", type)
                        .doesNotContain(type.type());
            } else {
                assertThat(trigger).as("Funqy routes %s elsewhere", type).isEqualTo(type.type());
            }
        }
    }
}
