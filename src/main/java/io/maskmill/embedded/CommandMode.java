package io.maskmill.embedded;

import java.util.List;

/**
 * Settings a command needs before Quarkus starts: no HTTP listener, quiet logs (the progress bar
 * speaks), and the local store rooted at {@code --out}, which must be known when the store is built.
 */
final class CommandMode {
    private CommandMode() {
    }

    static void configure(String[] args) {
        List<String> list = List.of(args);
        setDefault("quarkus.http.host-enabled", "false");
        setDefault("quarkus.log.console.level", list.contains("--verbose") ? "INFO" : "WARN");
        int out = list.indexOf("--out");
        if (out >= 0 && out + 1 < args.length) {
            setDefault("maskmill.store.type", "local");
            setDefault("maskmill.store.local.root", args[out + 1]);
        }
        setDefault("maskmill.events.dispatch", "in-process");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
