package org.rramlab.data;

import java.nio.file.Path;

/**
 * A data file (or folder) is missing, truncated, corrupt or disagrees with another one. The message names the file,
 * what was found and what was expected, so a user can fix the data without reading the reader's code.
 */
public class DataFileException extends IllegalArgumentException {

    private final transient Path file;

    public DataFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public DataFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file or folder at fault. */
    public Path file() {
        return file;
    }
}
