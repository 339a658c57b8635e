package io.maskmill.store;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.inject.Singleton;

/**
 * Lets a command (the embedded {@code generate --out DIR}) put the local store at a directory of
 * its choosing. The store is built on first use, so the choice must come before that; a late one
 * fails loudly instead of writing somewhere the user did not ask for.
 */
@Singleton
public class LocalRootOverride {
    private Path root;
    private boolean storeBuilt;

    public synchronized void set(Path root) {
        if (storeBuilt) {
            throw new IllegalStateException("the artifact store is already in use; cannot move it to " + root);
        }
        this.root = root;
    }

    synchronized Optional<Path> takeForStore() {
        storeBuilt = true;
        return Optional.ofNullable(root);
    }
}
