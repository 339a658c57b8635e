package io.maskmill.sample;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code maskmill.models.*}: where the sample stage's model is and where downloads are cached. */
@ConfigMapping(prefix = "maskmill.models")
public interface ModelsConfig {
    /** Local folder, s3://bucket/prefix or tiny:&lt;variant&gt;; absent: the tiny model (a job's "models" param overrides). */
    Optional<String> uri();

    /** Cache for downloads and the generated tiny models. */
    @WithDefault("${user.home}/.cache/maskmill/models")
    String cache();
}
