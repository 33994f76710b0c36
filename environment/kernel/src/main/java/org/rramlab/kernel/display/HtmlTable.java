package org.rramlab.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.lang.reflect.Method;
import java.util.List;

/**
 * A Tablesaw table as a clean HTML table (name as caption, header row, numbers right-aligned, at most
 * {@value #MAX_ROWS} rows and a "... N more rows" note) with a plain-text fallback. Reflection only: Tablesaw is
 * loaded by the notebook at run time.
 */
final class HtmlTable {
    static final int MAX_ROWS = 50;

    private HtmlTable() {}

    static DisplayData render(Object table) {
        try {
            String name = (String) call(table, "name");
            int rows = (Integer) call(table, "rowCount");
            int columns = (Integer) call(table, "columnCount");
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) call(table, "columnNames");
            Object[] cols = new Object[columns];
            boolean[] numeric = new boolean[columns];
            for (int c = 0; c < columns; c++) {
                cols[c] = table.getClass().getMethod("column", int.class).invoke(table, c);
                numeric[c] = ValueRenderer.isInstanceOf(cols[c], "tech.tablesaw.api.NumericColumn")
                        || implementsNamed(cols[c].getClass(), "tech.tablesaw.api.NumericColumn");
            }
            int shown = Math.min(rows, MAX_ROWS);
            StringBuilder html = new StringBuilder("<table class=\"rramlab-table\" style=\"border-collapse:collapse\">");
            if (name != null && !name.isBlank()) {
                html.append("<caption style=\"font-weight:bold;text-align:left\">").append(escape(name))
                        .append("</caption>");
            }
            html.append("<thead><tr>");
            for (String n : names) {
                html.append("<th style=\"text-align:left;padding:2px 8px;border-bottom:1px solid #888\">")
                        .append(escape(n)).append("</th>");
            }
            html.append("</tr></thead><tbody>");
            for (int r = 0; r < shown; r++) {
                html.append("<tr>");
                for (int c = 0; c < columns; c++) {
                    Object text = cols[c].getClass().getMethod("getString", int.class).invoke(cols[c], r);
                    html.append("<td style=\"padding:2px 8px;text-align:").append(numeric[c] ? "right" : "left")
                            .append("\">").append(escape(String.valueOf(text))).append("</td>");
                }
                html.append("</tr>");
            }
            html.append("</tbody></table>");
            if (rows > shown) {
                html.append("<p style=\"font-style:italic\">... ").append(rows - shown).append(" more rows</p>");
            }
            DisplayData data = new DisplayData(plainText(table, shown, rows));
            data.putHTML(html.toString());
            return data;
        } catch (ReflectiveOperationException | ClassCastException e) {
            return new DisplayData(String.valueOf(table));
        }
    }

    private static String plainText(Object table, int shown, int rows) {
        try {
            String text = (String) table.getClass().getMethod("print", int.class).invoke(table, shown);
            return rows > shown ? text + "\n... " + (rows - shown) + " more rows" : text;
        } catch (ReflectiveOperationException e) {
            return String.valueOf(table);
        }
    }

    private static boolean implementsNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(name) || implementsNamed(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        Method m = target.getClass().getMethod(method);
        return m.invoke(target);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
