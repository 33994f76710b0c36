package org.rramlab.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.util.UUID;

/**
 * What cell code calls to show things, statically imported in every session (as IJava's runtime
 * {@code Display}): {@code display(chart)} shows a value now and returns its display id; {@code updateDisplay(id,
 * value)} replaces that output in place (progress bars); {@code clearOutput()} clears the cell's output so far (a
 * rramlab addition: IJava has no such call).
 */
public final class Display {
    private Display() {}

    /** Shows {@code value} as the kernel renders a cell's value; returns the id to update it later. */
    public static String display(Object value) {
        RramlabKernel kernel = kernel();
        return publish(kernel, kernel.values().render(value));
    }

    /** Shows {@code value} restricted to the given MIME types, e.g. {@code display(html, "text/html")}. */
    public static String display(Object value, String... mimeTypes) {
        RramlabKernel kernel = kernel();
        return publish(kernel, kernel.values().render(value, mimeTypes));
    }

    /** Replaces the output shown under {@code id} by {@code value}. */
    public static void updateDisplay(String id, Object value) {
        RramlabKernel kernel = kernel();
        kernel.getIO().display.updateDisplay(id, kernel.values().render(value));
    }

    /** Replaces the output shown under {@code id}, restricted to the given MIME types. */
    public static void updateDisplay(String id, Object value, String... mimeTypes) {
        RramlabKernel kernel = kernel();
        kernel.getIO().display.updateDisplay(id, kernel.values().render(value, mimeTypes));
    }

    /** Clears what the running cell has shown so far (Jupyter's {@code clear_output}). */
    public static void clearOutput() {
        kernel().clearOutput(false);
    }

    /** With {@code wait}, the output is cleared when the next output arrives (no flicker in animations). */
    public static void clearOutput(boolean wait) {
        kernel().clearOutput(wait);
    }

    /** Display data for {@code value} without showing it. */
    public static DisplayData render(Object value) {
        return kernel().values().render(value);
    }

    private static String publish(RramlabKernel kernel, DisplayData data) {
        String id = data.getDisplayId();
        if (id == null) {
            id = UUID.randomUUID().toString();
            // A copy: renderers may hand out shared data, and the id must not stick to it.
            data = new DisplayData(data);
            data.setDisplayId(id);
        }
        kernel.display(data);
        return id;
    }

    private static RramlabKernel kernel() {
        RramlabKernel kernel = RramlabKernel.getKernelInstance();
        if (kernel == null) {
            throw new IllegalStateException("no rramlab kernel is running in this JVM; display() works in a notebook");
        }
        return kernel;
    }
}
