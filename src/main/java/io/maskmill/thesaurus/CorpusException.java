package io.maskmill.thesaurus;

import io.maskmill.events.InvalidInputException;

/** A caption corpus that cannot be read as asked, with the file and the position (line or record). */
public class CorpusException extends InvalidInputException {
    private final String file;
    private final String position;

    public CorpusException(String file, String position, String problem) {
        super(file + (position == null ? "" : " " + position) + ": " + problem);
        this.file = file;
        this.position = position;
    }

    public CorpusException(String file, String position, String problem, Throwable cause) {
        super(file + (position == null ? "" : " " + position) + ": " + problem, cause);
        this.file = file;
        this.position = position;
    }

    public String file() {
        return file;
    }

    /** "line 12", "record 40 (line 41)", "row 7", or null when the problem concerns the whole file. */
    public String position() {
        return position;
    }
}
