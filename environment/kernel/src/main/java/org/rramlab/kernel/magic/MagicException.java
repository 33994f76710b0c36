package org.rramlab.kernel.magic;

/** A line magic could not do its work; the message names the magic, the argument and what was expected. */
public final class MagicException extends Exception {
    public MagicException(String message) {
        super(message);
    }

    public MagicException(String message, Throwable cause) {
        super(message, cause);
    }
}
