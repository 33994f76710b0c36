package org.rramlab.notebook;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TablesTest {
    record Config(String device, double keepFraction, int epochs) {}

    @Test
    void tableFromNamedColumnsInOrder() {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("class", new String[]{"T-shirt", "Trouser"});
        columns.put("count", new int[]{6000, 6000});
        columns.put("share", List.of(0.5, 0.5));
        Table t = Tables.of("classes", columns);
        assertEquals(List.of("class", "count", "share"), t.columnNames());
        assertEquals("Trouser", t.stringColumn("class").get(1));
        assertEquals(6000, t.intColumn("count").get(0));
        assertEquals(0.5, t.doubleColumn("share").get(1));
    }

    @Test
    void unevenColumnsNameTheColumn() {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("a", new int[]{1, 2});
        columns.put("b", new int[]{1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tables.of("t", columns));
        assertTrue(e.getMessage().contains("'b'") && e.getMessage().contains("expected 2"), e.getMessage());
    }

    @Test
    void parametersFromARecord() {
        Table t = Tables.parameters(new Config("TaOx", 0.3, 65));
        assertEquals("Config", t.name());
        assertEquals(List.of("device", "keepFraction", "epochs"), t.stringColumn("parameter").asList());
        assertEquals(List.of("TaOx", "0.3", "65"), t.stringColumn("value").asList());
    }

    @Test
    void parametersFromAMapKeepOrderAndFormatNumbers() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("profile", "ci");
        p.put("images", 2000);
        p.put("read noise", 0.0123456);
        p.put("tiny", 1e-5);
        p.put("whole", 65.0);
        Table t = Tables.parameters("run", p);
        assertEquals(List.of("profile", "images", "read noise", "tiny", "whole"), t.stringColumn("parameter").asList());
        assertEquals(List.of("ci", "2,000", "0.01235", "1.000e-05", "65"), t.stringColumn("value").asList(), "counts with separators, 4 significant figures");
    }

    @Test
    void percentages() {
        assertEquals("84.2 %", Tables.percent(0.8421, 1));
        assertEquals("100 %", Tables.percent(1.0, 0));
        assertEquals(List.of("50.0 %", "25.0 %"),
                Tables.percentColumn("acc", new double[]{0.5, 0.25}, 1).asList());
    }

    @Test
    void htmlShowsAtMostTheRowLimitAndEscapes() {
        int[] n = new int[60];
        String[] s = new String[60];
        for (int i = 0; i < 60; i++) {
            n[i] = i;
            s[i] = "<" + i + ">";
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("n", n);
        columns.put("s", s);
        String html = Tables.toHtml(Tables.of("rows & more", columns), Tables.DISPLAY_ROWS);
        assertTrue(html.contains("rows &amp; more"));
        assertTrue(html.contains("&lt;49&gt;"));
        assertFalse(html.contains("&lt;50&gt;"));
        assertTrue(html.contains("... 10 more rows"));
        assertTrue(html.contains("text-align:right\">7<"), "numbers right-aligned");
    }
}
