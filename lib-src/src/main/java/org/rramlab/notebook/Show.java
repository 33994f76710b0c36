package org.rramlab.notebook;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import java.awt.image.RenderedImage;
import java.io.PrintStream;

/**
 * Shows things from notebook cells: {@code Show.show(chart); Show.show(table);} renders each as the kernel renders a
 * cell's value (charts and images as PNG, Tablesaw tables as HTML). Works in the rramlab kernel and in IJava;
 * without a kernel (tests, benchmarks, a plain {@code java} run) it prints a text form on standard output.
 */
public final class Show {

    /** Where things are shown: a Jupyter kernel or standard output. */
    interface Target {
        /** Shows {@code value}; returns an id for {@link #update}. */
        String display(Object value);

        /** Replaces what was shown under {@code id}. */
        void update(String id, Object value);
    }

    /** Ready display data: a plain-text form always, HTML and markdown when present. */
    record Rich(String text, String html, String markdown) {}

    /** Headless display ids are never used; one constant keeps the contract "display returns an id". */
    static final String HEADLESS_ID = "headless";

    private Show() {}

    /** Shows {@code value} now (a cell can show several things this way, in order). */
    public static void show(Object value) {
        target().display(value);
    }

    /** Shows {@code value} and returns the display id that {@link #update} replaces in place. */
    public static String display(Object value) {
        return target().display(value);
    }

    /** Replaces the output shown under {@code id} (headless: nothing happens, there is nothing to replace). */
    public static void update(String id, Object value) {
        target().update(id, value);
    }

    /** Shows an HTML fragment (headless: its text without tags). */
    public static void html(String html) {
        show(new Rich(stripTags(html), html, null));
    }

    /** Shows markdown text (headless: the markdown source). */
    public static void markdown(String markdown) {
        show(new Rich(markdown, null, markdown));
    }

    /** True when a Jupyter kernel (rramlab or IJava) runs in this JVM. */
    public static boolean inNotebook() {
        return KernelBridge.kernel() != null;
    }

    static Target target() {
        Object kernel = KernelBridge.kernel();
        return kernel != null ? new JupyterDisplay(kernel) : new TextTarget(System.out);
    }

    /**
     * The display data of a cell's value in the house style, MIME type to data, or null when the value is not ours
     * to show (the kernel then renders it its own way). The rramlab kernel calls this by reflection for every value
     * a cell returns, so a returned table or chart looks the same as one shown with {@link #show}: tables with
     * numbers formatted ({@link Tables#formatted}), charts with units as printed (µS, Ω). A {@link PrintStream} (the
     * value of a cell ending in {@code System.out.printf(...)}) shows nothing: an empty map.
     */
    public static java.util.Map<String, String> bundle(Object value) {
        if (value instanceof PrintStream) {
            return java.util.Map.of();
        }
        if (!(value instanceof Chart<?, ?>) && !(value instanceof Table) && !(value instanceof Rich)) {
            return null;
        }
        Object shown = value instanceof Rich ? value : adapt(value);
        java.util.Map<String, String> data = new java.util.LinkedHashMap<>();
        if (shown instanceof Rich rich) {
            data.put("text/plain", rich.text());
            if (rich.html() != null) data.put("text/html", rich.html());
            if (rich.markdown() != null) data.put("text/markdown", rich.markdown());
        } else if (shown instanceof RenderedImage image) {
            data.put("text/plain", describe(value));
            data.put("image/png", org.rramlab.plot.Images.toPngBase64(image));
        } else {
            return null;
        }
        return data;
    }

    /** Charts become images (units as printed), tables ready HTML; other values stay as they are. */
    static Object adapt(Object value) {
        if (value instanceof Chart<?, ?> chart) {
            tidy(chart);
            return BitmapEncoder.getBufferedImage(chart);
        }
        if (value instanceof Table table) {
            return new Rich(Tables.toText(table, Tables.DISPLAY_ROWS), Tables.toHtml(table, Tables.DISPLAY_ROWS), null);
        }
        return value;
    }

    /** The house style of every chart shown ({@link org.rramlab.plot.Charts#finish}), whoever built it. */
    static void tidy(Chart<?, ?> chart) {
        org.rramlab.plot.Charts.finish(chart);
    }

    /** The text form of a value for standard output. */
    static String describe(Object value) {
        if (value instanceof Rich rich) {
            return rich.text();
        }
        if (value instanceof Chart<?, ?> chart) {
            String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "" : " '" + chart.getTitle() + "'";
            return "[" + chart.getClass().getSimpleName() + title + ", " + chart.getSeriesMap().size() + " series, "
                    + chart.getWidth() + "x" + chart.getHeight() + "]";
        }
        if (value instanceof Table table) {
            return Tables.toText(table, Tables.DISPLAY_ROWS);
        }
        if (value instanceof RenderedImage image) {
            return "[image " + image.getWidth() + "x" + image.getHeight() + "]";
        }
        return String.valueOf(value);
    }

    static String stripTags(String html) {
        return html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip();
    }

    /** Standard output: shows text forms, ignores updates. */
    record TextTarget(PrintStream out) implements Target {
        @Override
        public String display(Object value) {
            out.println(describe(value));
            out.flush();
            return HEADLESS_ID;
        }

        @Override
        public void update(String id, Object value) {
            // Nothing shown in place on a terminal; ProgressBar prints its own lines there.
        }
    }
}
