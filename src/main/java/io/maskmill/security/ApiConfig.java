package io.maskmill.security;

import java.util.List;
import java.util.Optional;

import io.maskmill.config.ConfigNames;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code maskmill.api.*}: who may start or change work over HTTP, and which routes this instance serves. */
@ConfigMapping(prefix = "maskmill.api")
public interface ApiConfig {
    /** {@link ConfigNames#API_TOKENS}: with any set, every jobs request and every event needs one. */
    Optional<List<String>> tokens();

    /** {@link ConfigNames#API_EVENT_ROUTES}: false on the public API, which serves no stage function. */
    @WithDefault("true")
    boolean eventRoutes();
}
