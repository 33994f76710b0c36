package org.rramlab.plot;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumbersTest {

    @Test
    void fourSignificantFiguresAndNoLongFloats() {
        assertEquals("0.08536", Numbers.sig(0.08535533905932738));
        assertEquals("12.35", Numbers.sig(12.3456));
        assertEquals("1,235", Numbers.sig(1234.56));
        assertEquals("304,088", Numbers.sig(304088.0));
        assertEquals("1.000e-05", Numbers.sig(1e-5));
        assertEquals("0", Numbers.sig(0));
        assertEquals("n/a", Numbers.sig(Double.NaN));
        assertEquals("-0.5", Numbers.sig(-0.5));
        assertThrows(IllegalArgumentException.class, () -> Numbers.sig(1, 0));
        for (double v : new double[] {Math.PI, 1 / 3.0, 2 / 3.0 * 1e-2, 123.456789, 7.0 / 11}) {
            assertTrue(Numbers.sig(v).replace("-", "").replace(".", "").replaceFirst("^0+", "").length() <= 4, Numbers.sig(v));
        }
    }

    @Test
    void countsPercentagesAndPoints() {
        assertEquals("9,440,000", Numbers.count(9_440_000));
        assertEquals("84.2 %", Numbers.percent(0.8421));
        assertEquals("100 %", Numbers.percent(1.0));
        assertEquals("0.513 %", Numbers.percent(0.00513));
        assertEquals("78.3 %", Numbers.percentValue(78.3));
        assertEquals("+5.4 points", Numbers.points(5.4));
        assertEquals("−26 points", Numbers.points(-26));
    }

    @Test
    void cellsNamedAsFractionsReadAsPercent() {
        assertEquals("84.2 %", Numbers.cell("test accuracy", 0.8421));
        assertEquals("97.9 %", Numbers.cell("ROC AUC", 0.979));
        assertEquals("50 %", Numbers.cell("keep fraction", 0.5));
        assertEquals("84.21", Numbers.cell("test accuracy (%)", 84.21), "already in percent: left alone");
        assertEquals("1.5", Numbers.cell("loss", 1.5));
        assertEquals("62,272", Numbers.cell("weights", 62272));
        assertFalse(Numbers.isFractionName("epoch"));
    }

    @Test
    void unitsAsPrinted() {
        assertEquals("conductance (µS)", Numbers.units("conductance (uS)"));
        assertEquals("G+ - G- (µS), 1 kΩ, 3.0 V, 1 µs, σ = 0.1", Numbers.units("G+ - G- (uS), 1 kOhm, 3.0 V, 1 us, sigma = 0.1"));
        assertEquals("uses status", Numbers.units("uses status"), "words containing the letters stay");
        assertEquals("write noise 0.1 × range, 512 × 256 pairs, x axis, max x 2", Numbers.units("write noise 0.1 x range, 512 x 256 pairs, x axis, max x 2"),
                "x is a times sign only after a number");
        assertEquals("energy µJ, 3 µW, sum, ujump", Numbers.units("energy uJ, 3 uW, sum, ujump"));
        assertEquals("µs", Numbers.units("us"), "a unit column's cell");
        assertEquals("baseline.reference.sigma", Numbers.units("baseline.reference.sigma"), "a spec path is typed as it is");
        assertEquals("0.45", Numbers.cell("accuracy lost by the last time (points)", 0.45), "points are not a fraction");
        assertEquals("45 %", Numbers.cell("test accuracy", 0.45));
    }
}
