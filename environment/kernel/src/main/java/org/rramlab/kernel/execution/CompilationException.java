package org.rramlab.kernel.execution;

import java.util.List;

/** A cell did not compile. The message lists every diagnostic with the offending source line marked. */
public final class CompilationException extends Exception {
    private final String source;
    private final List<String> diagnostics;

    CompilationException(String source, List<String> diagnostics) {
        super(String.join("\n", diagnostics));
        this.source = source;
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** The snippet that failed. */
    public String source() {
        return source;
    }

    /** One readable block per compiler diagnostic: message, source line, caret under the error. */
    public List<String> diagnostics() {
        return diagnostics;
    }
}
