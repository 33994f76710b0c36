package org.rramlab.kernel.execution;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * JShell with direct execution: evaluates cell source statement by statement and returns the last expression's
 * real value. JShell is not thread-safe; the kernel calls it from one thread at a time (the shell channel), and
 * {@link #interrupt()} only touches the execution control.
 */
public final class CodeEvaluator {
    private final RuntimeClassLoader loader;
    private final CellExecutionControl control;
    private final JShell shell;
    private final CompletableFuture<Void> warmedUp;

    /**
     * Builds the shell and starts running {@code startupSnippets} (imports, static imports of the display API) on a
     * background thread, so that JShell's slow first compile overlaps the Jupyter hand-shake.
     */
    public CodeEvaluator(List<String> startupSnippets) {
        this.loader = new RuntimeClassLoader(CodeEvaluator.class.getClassLoader());
        this.control = new CellExecutionControl(loader);
        this.shell = JShell.builder()
                .executionEngine(new CellExecutionControlProvider(control), java.util.Map.of())
                .build();
        this.warmedUp = CompletableFuture.runAsync(() -> {
            for (String snippet : startupSnippets) {
                for (SnippetEvent event : shell.eval(snippet)) {
                    if (!event.status().isDefined()) {
                        System.err.println("rramlab kernel: start-up snippet failed: " + event.snippet().source());
                    }
                }
            }
        });
    }

    public JShell shell() {
        awaitWarmUp();
        return shell;
    }

    /** The loader user code runs in (the cell thread's context class loader). */
    public RuntimeClassLoader classLoader() {
        return loader;
    }

    /** Adds a jar or class folder for the compiler and for execution. */
    public void addToClasspath(Path path) {
        awaitWarmUp();
        shell.addToClasspath(path.toAbsolutePath().normalize().toString());
    }

    /** Evaluates Java source (no magics); returns the value of the last expression or variable, else null. */
    public Object eval(String code) throws Exception {
        awaitWarmUp();
        control.clearStop();
        control.clearResults();
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        Object last = null;
        CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete()) {
            last = evalSnippet(info.source());
            info = analysis.analyzeCompletion(info.remaining());
        }
        if (info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
            throw new IncompleteSourceException(info.remaining().trim());
        }
        return last;
    }

    private Object evalSnippet(String source) throws Exception {
        List<SnippetEvent> events = shell.eval(source);
        Object result = null;
        // Take every stored value first, so that an exception below cannot leave results behind.
        for (SnippetEvent event : events) {
            String key = event.value();
            if (key == null) {
                continue;
            }
            Snippet.SubKind kind = event.snippet().subKind();
            Object value = kind.isExecutable() ? control.takeResult(key) : key;
            result = switch (kind) {
                case VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND, TEMP_VAR_EXPRESSION_SUBKIND -> value;
                default -> null;
            };
        }
        if (control.stopRequested()) {
            throw new CellInterruptedException();
        }
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            JShellException e = event.exception();
            if (e instanceof EvalException ee) {
                throw new CellException(ee);
            }
            if (e != null) {
                throw e;
            }
            if (!event.status().isDefined()) {
                throw compilationError(event.snippet());
            }
        }
        return result;
    }

    private CompilationException compilationError(Snippet snippet) {
        String source = snippet.source();
        List<String> messages = new ArrayList<>();
        shell.diagnostics(snippet).forEach(d -> messages.add(describe(source, d)));
        if (snippet instanceof DeclarationSnippet declaration) {
            List<String> unresolved = shell.unresolvedDependencies(declaration).collect(Collectors.toList());
            if (!unresolved.isEmpty()) {
                messages.add("unresolved: " + String.join(", ", unresolved) + "\n" + source.strip());
            }
        }
        if (messages.isEmpty()) {
            messages.add("the snippet was rejected (" + shell.status(snippet) + "):\n" + source.strip());
        }
        return new CompilationException(source, messages);
    }

    /** "error: cannot find symbol ... " then the source line with a caret under the error's start. */
    private static String describe(String source, Diag d) {
        int start = (int) Math.max(0, Math.min(d.getStartPosition(), source.length()));
        int lineStart = source.lastIndexOf('\n', start - 1) + 1;
        int lineEnd = source.indexOf('\n', start);
        if (lineEnd < 0) {
            lineEnd = source.length();
        }
        int end = (int) Math.max(start + 1, Math.min(d.getEndPosition(), lineEnd));
        String line = source.substring(lineStart, lineEnd);
        String marker = " ".repeat(start - lineStart) + "^" + "~".repeat(Math.max(0, end - start - 1));
        String message = d.getMessage(Locale.ROOT).lines()
                .filter(l -> !l.strip().startsWith("location:"))
                .collect(Collectors.joining("\n"));
        return (d.isError() ? "error: " : "warning: ") + message + "\n" + line + "\n" + marker;
    }

    /** Stops the running cell, if any (called from the control channel's thread). */
    public void interrupt() {
        control.stop();
    }

    public void close() {
        shell.close();
        control.shutdown();
    }

    private void awaitWarmUp() {
        warmedUp.join();
    }
}
