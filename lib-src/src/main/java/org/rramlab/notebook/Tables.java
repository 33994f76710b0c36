package org.rramlab.notebook;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rramlab.plot.Numbers;

/**
 * Small Tablesaw helpers for notebook tables: a table from named columns, a "parameter | value" table from a map
 * or a configuration record, percentage formatting, and the HTML a notebook shows.
 */
public final class Tables {
    /** Rows a notebook shows of a table before "... N more rows". */
    public static final int DISPLAY_ROWS = 50;

    private Tables() {}

    /**
     * A table from named columns, in map order (use a {@link java.util.LinkedHashMap}). Each value is a
     * {@code double[]}, {@code int[]}, {@code long[]}, {@code boolean[]}, {@code String[]} or a {@link Collection}
     * (numbers become a double column, anything else strings); all columns must have the same length.
     */
    public static Table of(String name, Map<String, ?> columns) {
        Table table = Table.create(name);
        int rows = -1;
        for (Map.Entry<String, ?> entry : columns.entrySet()) {
            Column<?> column = column(entry.getKey(), entry.getValue());
            if (rows >= 0 && column.size() != rows) {
                throw new IllegalArgumentException("column '" + entry.getKey() + "' of table '" + name + "' has "
                        + column.size() + " rows; expected " + rows + " like the columns before it");
            }
            rows = column.size();
            table.addColumns(column);
        }
        return table;
    }

    private static Column<?> column(String name, Object values) {
        if (values instanceof double[] d) {
            return DoubleColumn.create(name, d);
        }
        if (values instanceof float[] f) {
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return DoubleColumn.create(name, d);
        }
        if (values instanceof int[] i) {
            return IntColumn.create(name, i);
        }
        if (values instanceof long[] l) {
            return LongColumn.create(name, l);
        }
        if (values instanceof boolean[] b) {
            BooleanColumn column = BooleanColumn.create(name);
            for (boolean v : b) {
                column.append(v);
            }
            return column;
        }
        if (values instanceof String[] s) {
            return StringColumn.create(name, s);
        }
        if (values instanceof Collection<?> c) {
            if (!c.isEmpty() && c.stream().allMatch(v -> v instanceof Number)) {
                return DoubleColumn.create(name, c.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray());
            }
            return StringColumn.create(name, c.stream().map(String::valueOf).toArray(String[]::new));
        }
        throw new IllegalArgumentException("column '" + name + "': values of type "
                + (values == null ? "null" : values.getClass().getSimpleName())
                + " are not supported; expected double[], int[], long[], boolean[], String[] or a Collection");
    }

    /** A two-column "parameter | value" table, in map order; values are shown with {@link #format(Object)}. */
    public static Table parameters(String name, Map<String, ?> parameters) {
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        parameters.forEach((k, v) -> {
            keys.add(k);
            values.add(format(v));
        });
        return Table.create(name, StringColumn.create("parameter", keys), StringColumn.create("value", values));
    }

    /** A "parameter | value" table of a record's components (e.g. a configuration), named after its type. */
    public static Table parameters(Record record) {
        if (record == null) {
            throw new IllegalArgumentException("record: null; expected a configuration record");
        }
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                values.put(component.getName(), component.getAccessor().invoke(record));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read component " + component.getName() + " of "
                        + record.getClass().getName(), e);
            }
        }
        return parameters(record.getClass().getSimpleName(), values);
    }

    /** A fraction as a percentage with fixed decimals: {@code percent(0.8421, 1)} is {@code "84.2 %"} (the house style is {@link Numbers#percent}). */
    public static String percent(double fraction, int decimals) {
        if (decimals < 0) {
            throw new IllegalArgumentException("decimals: " + decimals + "; expected >= 0");
        }
        if (Double.isNaN(fraction)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f %%", 100 * fraction);
    }

    /** A string column of percentages from fractions, e.g. accuracies. */
    public static StringColumn percentColumn(String name, double[] fractions, int decimals) {
        String[] text = new String[fractions.length];
        for (int i = 0; i < fractions.length; i++) {
            text[i] = percent(fractions[i], decimals);
        }
        return StringColumn.create(name, text);
    }

    /** Numbers in the house style ({@link Numbers#sig}: 4 significant figures, separators for counts), records compact. */
    static String format(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return Numbers.sig(((Number) value).doubleValue());
        }
        if (value instanceof Integer || value instanceof Long) {
            return Numbers.count(((Number) value).longValue());
        }
        if (value instanceof double[] a) {
            return java.util.Arrays.stream(a).mapToObj(Numbers::sig).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof int[] a) {
            return java.util.Arrays.toString(a);
        }
        return Numbers.units(String.valueOf(value));
    }

    /**
     * One cell as a reader sees it: numbers in the house style ({@link Numbers#cell}: fractions of a whole named as
     * such in %, counts with separators, 4 significant figures otherwise), missing values empty, text with its units as printed ({@link Numbers#units}).
     */
    public static String cell(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return "";
        }
        if (column instanceof IntColumn || column instanceof LongColumn || column instanceof tech.tablesaw.api.ShortColumn) {
            return Numbers.count(Math.round(((NumericColumn<?>) column).getDouble(row)));
        }
        if (column instanceof NumericColumn<?> numbers) {
            return Numbers.cell(column.name(), numbers.getDouble(row));
        }
        return Numbers.units(column.getString(row));
    }

    /** The table as it is shown: every column text in the house style ({@link #cell}), units as printed. */
    public static Table formatted(Table table) {
        Table out = Table.create(Numbers.units(table.name()));
        for (Column<?> column : table.columns()) {
            String[] text = new String[table.rowCount()];
            for (int r = 0; r < text.length; r++) {
                text[r] = cell(column, r);
            }
            out.addColumns(StringColumn.create(uniqueName(out, Numbers.units(column.name())), text));
        }
        return out;
    }

    private static String uniqueName(Table table, String name) {
        String n = name;
        for (int i = 2; table.columnNames().stream().anyMatch(n::equalsIgnoreCase); i++) {
            n = name + " (" + i + ")";
        }
        return n;
    }

    /** A clean HTML table: caption, header, numbers right-aligned, at most {@code maxRows} rows. */
    public static String toHtml(Table table, int maxRows) {
        int shown = Math.min(table.rowCount(), maxRows);
        StringBuilder html = new StringBuilder("<table style=\"border-collapse:collapse\">");
        if (table.name() != null && !table.name().isBlank()) {
            html.append("<caption style=\"font-weight:bold;text-align:left\">").append(escape(Numbers.units(table.name())))
                    .append("</caption>");
        }
        html.append("<thead><tr>");
        for (String column : table.columnNames()) {
            html.append("<th style=\"text-align:left;padding:2px 8px;border-bottom:1px solid #888\">")
                    .append(escape(Numbers.units(column))).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (int r = 0; r < shown; r++) {
            html.append("<tr>");
            for (Column<?> column : table.columns()) {
                String align = column instanceof NumericColumn<?> ? "right" : "left";
                html.append("<td style=\"padding:2px 8px;text-align:").append(align).append("\">")
                        .append(escape(cell(column, r))).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");
        if (table.rowCount() > shown) {
            html.append("<p style=\"font-style:italic\">... ").append(table.rowCount() - shown)
                    .append(" more rows</p>");
        }
        return html.toString();
    }

    /** The plain-text form, at most {@code maxRows} rows. */
    public static String toText(Table table, int maxRows) {
        String text = formatted(table).print(maxRows);
        return table.rowCount() > maxRows ? text + "\n... " + (table.rowCount() - maxRows) + " more rows" : text;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
