package org.rramlab.sweep;

/** A sweep that cannot be read or run: the message names the file, the JSON path (e.g. {@code axes[1].values[2]}), the axis and what was expected. */
public final class SweepException extends IllegalArgumentException {
    private final String path;

    SweepException(String source, String path, String message) {
        super(source + ": " + (path.isEmpty() ? "" : path + ": ") + message);
        this.path = path;
    }

    /** The JSON path in the sweep file of the field at fault ("" for the document or folder). */
    public String path() {
        return path;
    }
}
