package org.rramlab.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.common.Image;

import java.awt.image.RenderedImage;
import java.lang.reflect.Method;

/**
 * Turns a cell's value into Jupyter display data.
 * <ul>
 *   <li>{@link RenderedImage} (e.g. BufferedImage): {@code image/png};</li>
 *   <li>any XChart chart (a subclass of {@code org.knowm.xchart.internal.chartpart.Chart}): {@code image/png},
 *       drawn with {@code org.knowm.xchart.BitmapEncoder.getBufferedImage};</li>
 *   <li>a Tablesaw {@code tech.tablesaw.api.Table}: {@code text/html} (see {@link HtmlTable}) and
 *       {@code text/plain};</li>
 *   <li>anything else: the base kernel's renderer ({@code text/plain} from {@code toString()}).</li>
 * </ul>
 * When the notebook's jars hold the rramlab library, its {@code org.rramlab.notebook.Show.bundle(Object)} renders
 * tables and charts first (the library's house style for numbers and units); the kernel's own rendering is the
 * fallback.
 * XChart and Tablesaw arrive with the notebook's {@code %jars}, after the kernel started, so they are recognised
 * by class name and called by reflection rather than linked at compile time.
 */
public final class ValueRenderer {
    static final String CHART_CLASS = "org.knowm.xchart.internal.chartpart.Chart";
    static final String BITMAP_ENCODER_CLASS = "org.knowm.xchart.BitmapEncoder";
    static final String TABLE_CLASS = "tech.tablesaw.api.Table";
    static final String LIBRARY_DISPLAY_CLASS = "org.rramlab.notebook.Show";

    private final Renderer renderer;

    public ValueRenderer(Renderer renderer) {
        this.renderer = renderer;
        Image.registerAll(renderer);
    }

    /** Display data for {@code value}, or the given data itself when it already is {@link DisplayData}. */
    public DisplayData render(Object value) {
        if (value == null) {
            return new DisplayData("null");
        }
        if (value instanceof DisplayData data) {
            return data;
        }
        DisplayData library = library(value);
        if (library != null) {
            return library;
        }
        if (isInstanceOf(value, TABLE_CLASS)) {
            return HtmlTable.render(value);
        }
        Object adapted = adapt(value);
        if (adapted instanceof RenderedImage image) {
            // PNG plus a short text form (the default would be BufferedImage's long toString()).
            DisplayData data = new DisplayData("[image " + image.getWidth() + "x" + image.getHeight() + "]");
            data.putData(Image.PNG, renderer.renderAs(image, Image.PNG.toString()).getData(Image.PNG));
            return data;
        }
        return renderer.render(adapted);
    }

    /** Display data restricted to the given MIME types (e.g. {@code "text/plain"}). */
    public DisplayData render(Object value, String... mimeTypes) {
        if (value == null || mimeTypes == null || mimeTypes.length == 0) {
            return render(value);
        }
        if (isInstanceOf(value, TABLE_CLASS)) {
            DisplayData all = HtmlTable.render(value);
            DisplayData chosen = new DisplayData();
            for (String type : mimeTypes) {
                Object data = all.getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.parse(type));
                if (data != null) {
                    chosen.putData(type, data);
                }
            }
            return chosen;
        }
        return renderer.renderAs(adapt(value), mimeTypes);
    }

    /**
     * The library's display data for {@code value} ({@code Show.bundle}: MIME type to data, null when not its kind),
     * looked up in the value's own class loader; null when the library is not on the notebook's class path or fails.
     */
    static DisplayData library(Object value) {
        ClassLoader loader = value.getClass().getClassLoader();
        if (loader == null) {
            return null;   // a JDK class: never one the library renders
        }
        try {
            Class<?> show = Class.forName(LIBRARY_DISPLAY_CLASS, true, loader);
            Object bundle = show.getMethod("bundle", Object.class).invoke(null, value);
            if (!(bundle instanceof java.util.Map<?, ?> map) || map.isEmpty()) {
                return null;
            }
            DisplayData data = new DisplayData();
            map.forEach((type, content) -> data.putData(String.valueOf(type), content));
            return data;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** Charts become images; everything else stays as it is. */
    private static Object adapt(Object value) {
        if (isInstanceOf(value, CHART_CLASS)) {
            return chartImage(value);
        }
        return value;
    }

    static RenderedImage chartImage(Object chart) {
        try {
            Class<?> encoder = Class.forName(BITMAP_ENCODER_CLASS, true, chart.getClass().getClassLoader());
            Class<?> chartType = Class.forName(CHART_CLASS, false, chart.getClass().getClassLoader());
            Method draw = encoder.getMethod("getBufferedImage", chartType);
            return (RenderedImage) draw.invoke(null, chart);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot draw XChart chart " + chart.getClass().getName()
                    + " with " + BITMAP_ENCODER_CLASS + ".getBufferedImage: " + e, e);
        }
    }

    /** True if {@code value}'s class or a superclass has the given name (the class may be unknown to us). */
    static boolean isInstanceOf(Object value, String className) {
        for (Class<?> c = value == null ? null : value.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
