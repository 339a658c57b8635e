package io.maskmill.embedded;

import java.util.List;

/**
 * Settings a command needs before Quarkus starts: no HTTP listener, quiet logs (the progress bar
 * speaks), the local store and in-process events. The command itself roots the store at {@code --out}.
 */
final class CommandMode {
    private CommandMode() {
    }

    static void configure(String[] args) {
        List<String> list = List.of(args);
        setDefault("quarkus.http.host-enabled", "false");
        setDefault("quarkus.log.console.level", list.contains("--verbose") ? "INFO" : "WARN");
        setDefault("maskmill.store.type", "local");
        setDefault("maskmill.events.dispatch", "in-process");
        // a command works on its own job (generate resumes it when given the same --job-id), not on the store's others
        setDefault("maskmill.ledger.resume-on-start", "false");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
