package io.maskmill.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.EnvConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives a @QuarkusTest application a manifest's environment (see {@link ManifestEnvironment}) as a
 * SmallRye {@link EnvConfigSource} - the class that reads the real process environment - so names
 * are matched exactly as in the cluster: MASKMILL_STORE_BUCKET sets maskmill.store.bucket, and a
 * misspelt variable sets nothing. Inactive unless a test profile sets {@link #FILE_PROPERTY}.
 */
public final class ManifestEnvironmentSource implements ConfigSourceFactory {

    /** The test property naming a JSON file ({"NAME": "value", ...}) to use as the environment. */
    public static final String FILE_PROPERTY = "maskmill-test.manifest-environment";
    /** Just above the real environment's ordinal (300), so the manifest wins over a developer's shell. */
    private static final int ORDINAL = EnvConfigSource.ORDINAL + 1;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue file = context.getValue(FILE_PROPERTY);
        if (file == null || file.getValue() == null || file.getValue().isBlank()) {
            return List.of();
        }
        try {
            Map<String, String> env = new ObjectMapper().readValue(Path.of(file.getValue()).toFile(), new TypeReference<>() {});
            return List.of(new EnvConfigSource(env, ORDINAL));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest environment " + file.getValue(), e);
        }
    }
}
