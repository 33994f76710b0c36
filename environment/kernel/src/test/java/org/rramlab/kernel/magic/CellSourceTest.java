package org.rramlab.kernel.magic;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellSourceTest {

    @Test
    void magicsAndCodeKeepTheirOrder() throws MagicException {
        List<CellSource.Part> parts = CellSource.split("%jars ../lib/\nint a = 1;\n  %load \"my setup.jsh\" other.jsh\na");
        assertEquals(4, parts.size());
        assertEquals(new CellSource.Magic("jars", List.of("../lib/"), "../lib/", "%jars ../lib/"), parts.get(0));
        assertEquals("int a = 1;\n", ((CellSource.Code) parts.get(1)).source());
        assertEquals(List.of("my setup.jsh", "other.jsh"), ((CellSource.Magic) parts.get(2)).args());
        assertEquals("a\n", ((CellSource.Code) parts.get(3)).source());
    }

    @Test
    void percentSignsInJavaAreNotMagics() throws MagicException {
        List<CellSource.Part> parts = CellSource.split("int r = 7\n  % 3;\nString f = \"%d\";");
        assertEquals(1, parts.size());
        assertInstanceOf(CellSource.Code.class, parts.get(0));
    }

    @Test
    void lineMagicKeepsTheTextAfterItsNameAsTyped() throws MagicException {
        CellSource.Magic time = (CellSource.Magic) CellSource.split("%time  fib(\"a b\",  2)").get(0);
        assertEquals("time", time.name());
        assertEquals("fib(\"a b\",  2)", time.rest());
    }

    @Test
    void cellMagicOnTheFirstLineTakesTheRestAsItsBody() throws MagicException {
        List<CellSource.Part> parts = CellSource.split("\n%%time\n%jars lib/\nint x = 1;");
        assertEquals(1, parts.size());
        CellSource.CellMagic magic = (CellSource.CellMagic) parts.get(0);
        assertEquals("time", magic.name());
        assertEquals("%jars lib/\nint x = 1;", magic.body());
    }

    @Test
    void cellMagicBelowTheFirstLineIsAnError() {
        MagicException e = assertThrows(MagicException.class, () -> CellSource.split("int r = 7;\n%%time\nr"));
        assertTrue(e.getMessage().contains("'%%time' is on line 2") && e.getMessage().contains("first line"),
                e.getMessage());
    }

    @Test
    void blankCellHasNoParts() throws MagicException {
        assertEquals(List.of(), CellSource.split("  \n\n"));
    }
}
