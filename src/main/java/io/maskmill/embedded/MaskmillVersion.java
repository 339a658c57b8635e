package io.maskmill.embedded;

import org.eclipse.microprofile.config.ConfigProvider;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the application's version (the Maven project version Quarkus records at build time). */
public final class MaskmillVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version;
        try {
            version = ConfigProvider.getConfig().getOptionalValue("quarkus.application.version", String.class)
                    .orElse("unknown");
        } catch (IllegalStateException noConfig) {
            version = "unknown";
        }
        return new String[] { "maskmill " + version };
    }
}
