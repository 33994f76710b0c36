package org.rramlab.kernel.execution;

import jdk.jshell.EvalException;

import java.util.ArrayList;
import java.util.List;

/**
 * Cell code threw. JShell hands the exception over as an {@link EvalException} that only knows the original class
 * name; this keeps that name as the Jupyter {@code ename} and formats a Java-style trace of the user's frames.
 */
public final class CellException extends Exception {
    private final String exceptionClass;
    private final List<String> trace;

    CellException(EvalException e) {
        super(e.getMessage() == null || "null".equals(e.getMessage())
                ? e.getExceptionClassName() : e.getExceptionClassName() + ": " + e.getMessage());
        this.exceptionClass = e.getExceptionClassName();
        this.trace = format(e);
    }

    /** Fully qualified class name of what the cell threw, e.g. {@code java.lang.ArithmeticException}. */
    public String exceptionClass() {
        return exceptionClass;
    }

    /** Lines like {@code printStackTrace}, cut where the kernel's machinery begins, causes included. */
    public List<String> trace() {
        return trace;
    }

    private static List<String> format(EvalException e) {
        List<String> lines = new ArrayList<>();
        Throwable t = e;
        String prefix = "";
        while (t != null) {
            String name = t instanceof EvalException ev ? ev.getExceptionClassName() : t.getClass().getName();
            String message = t.getMessage() == null || "null".equals(t.getMessage()) ? "" : ": " + t.getMessage();
            lines.add(prefix + name + message);
            for (StackTraceElement frame : t.getStackTrace()) {
                if (isMachinery(frame)) {
                    break;
                }
                lines.add("\tat " + describe(frame));
            }
            prefix = "Caused by: ";
            t = t.getCause() == t ? null : t.getCause();
        }
        return lines;
    }

    /** Where the kernel's reflection into the snippet starts, the user's part of the stack ends. */
    private static boolean isMachinery(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.Method")
                || c.startsWith("jdk.jshell.") || c.startsWith("org.rramlab.kernel.execution.");
    }

    /**
     * JShell rewrites snippet frames to an empty class name and file {@code #12} (snippet 12); other snippet
     * frames read {@code REPL.$JShell$12.do_it$}. Both become "cell code".
     */
    private static String describe(StackTraceElement frame) {
        if (frame.getClassName().isEmpty() && frame.getFileName() != null && frame.getFileName().startsWith("#")) {
            String where = frame.getMethodName().isEmpty() ? "cell code" : frame.getMethodName();
            return where + " (snippet " + frame.getFileName() + ", line " + frame.getLineNumber() + ")";
        }
        if (frame.getClassName().startsWith("REPL.$JShell$")) {
            String method = "do_it$".equals(frame.getMethodName()) ? "" : "." + frame.getMethodName();
            return "cell code" + method + " (line " + frame.getLineNumber() + ")";
        }
        return frame.toString();
    }
}
