package org.rramlab.kernel.magic;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class CellSourceTest {

    @Test
    void magicsAndCodeKeepTheirOrder() {
        List<CellSource.Part> parts = CellSource.split("%jars ../lib/\nint a = 1;\n  %load \"my setup.jsh\" other.jsh\na");
        assertEquals(4, parts.size());
        assertEquals(new CellSource.Magic("jars", List.of("../lib/"), "%jars ../lib/"), parts.get(0));
        assertEquals("int a = 1;\n", ((CellSource.Code) parts.get(1)).source());
        assertEquals(List.of("my setup.jsh", "other.jsh"), ((CellSource.Magic) parts.get(2)).args());
        assertEquals("a\n", ((CellSource.Code) parts.get(3)).source());
    }

    @Test
    void percentSignsInJavaAreNotMagics() {
        List<CellSource.Part> parts = CellSource.split("int r = 7\n  % 3;\n%%time\nString f = \"%d\";");
        assertEquals(1, parts.size());
        assertInstanceOf(CellSource.Code.class, parts.get(0));
    }

    @Test
    void blankCellHasNoParts() {
        assertEquals(List.of(), CellSource.split("  \n\n"));
    }
}
