package io.maskmill.sample.tokenizer;

import java.nio.file.Path;

/** A tokenizer file that is missing, unreadable or malformed; the message names the file and, where known, the line. */
public class TokenizerFileException extends RuntimeException {
    public TokenizerFileException(String message, Throwable cause) {
        super(message, cause);
    }

    public TokenizerFileException(String message) {
        super(message);
    }

    static TokenizerFileException atLine(Path file, int line, String problem) {
        return new TokenizerFileException(file + " line " + line + ": " + problem);
    }
}
