package io.maskmill.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskmill.config.ConfigNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** configuration.md names every deployed variable, and every variable it names is the environment form of a key it documents. */
class ConfigurationDocTest {
    private static final Path DOC = Path.of("src", "site", "markdown", "configuration.md");

    @Test
    void everyVariableIsNamedAsTheCodeReadsIt() throws IOException {
        String doc = Files.readString(DOC);
        for (String property : ConfigNames.DEPLOYED) {
            assertThat(doc).as("configuration.md documents %s", property).contains("`" + property + "`")
                    .contains("`" + ConfigNames.env(property) + "`");
        }
        Set<String> keys = new TreeSet<>();
        Matcher key = Pattern.compile("`((?:maskmill|quarkus)\\.[a-z0-9.-]+)`").matcher(doc);
        while (key.find()) {
            keys.add(ConfigNames.env(key.group(1)));
        }
        Matcher variable = Pattern.compile("`((?:MASKMILL|QUARKUS)_[A-Z0-9_]+)`").matcher(doc);
        while (variable.find()) {
            assertThat(keys).as("%s in configuration.md is the environment form of no key it documents", variable.group(1))
                    .contains(variable.group(1));
        }
    }
}
