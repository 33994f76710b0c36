package org.rramlab.kernel.execution;

/** A cell ends in the middle of a statement (an unclosed brace, a missing semicolon after a declaration). */
public final class IncompleteSourceException extends Exception {
    IncompleteSourceException(String remaining) {
        super("incomplete input: " + remaining);
    }
}
