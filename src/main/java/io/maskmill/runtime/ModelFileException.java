package io.maskmill.runtime;

import java.nio.file.Path;

/** A model file that is missing, unreadable, corrupt, or does not have the inputs and outputs we need. */
public class ModelFileException extends RuntimeException {
    private final transient Path file;

    public ModelFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public ModelFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
