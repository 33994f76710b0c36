package org.rramlab.device;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The drift law of one cell, and its bad inputs. */
class DriftTest {

    @Test
    void aCellDriftsAsThePowerLawSays() {
        Drift d = Drift.powerLaw(0.05, 0.01, 20);
        assertEquals(10, d.conductance(10, 0, 0.7, 0.3), "exactly the stored value at t = 0");
        assertEquals(10, d.conductance(10, 20, 0.7, 0.3), "and at t0");
        assertEquals(10 * Math.pow(3600 / 20.0, -0.05), d.conductance(10, 3600, 0, 0), 1e-12);
        assertEquals(10 * Math.pow(3600 / 20.0, -0.06), d.conductance(10, 3600, 1, 0), 1e-12, "one sd faster");
        assertEquals(0, d.exponent(10, -10), "exponents clip at 0: no cell grows");
        assertEquals(Math.pow(1e4, -0.05), d.factor(2e5), 1e-12);
    }

    @Test
    void relaxationSpreadsCellsWithLnTime() {
        Drift d = Drift.relaxation(-0.1, 0.2, 1);
        double l = Math.log(86_400);
        assertEquals(10 + l * (-0.1 + 0.2 * 1.5), d.conductance(10, 86_400, 0, 1.5), 1e-12);
        assertEquals(0, d.conductance(0.1, 86_400, 0, -5), "never below 0 uS");
    }

    @Test
    void badParametersAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Drift.powerLaw(-0.05, 0, 1));
        assertTrue(e.getMessage().contains("drift.nu = -0.05"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Drift(1, ConductanceCurve.of(0, 0.05, 10, -0.01),
                ConductanceCurve.ZERO, ConductanceCurve.ZERO, ConductanceCurve.ZERO, 0));
        assertTrue(e.getMessage().contains("drift.nu (drift exponent): value -0.01 at 10.0 uS"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Drift.powerLaw(0.05, 0, 0));
        assertTrue(e.getMessage().contains("drift.t0Seconds = 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Drift.powerLaw(0.05, 0, 1).conductance(10, -1, 0, 0));
        assertTrue(e.getMessage().contains("seconds after programming = -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Drift.powerLaw(0.05, 0, 1e-9).withReadNoiseGrowth(1e-6));
        assertTrue(e.getMessage().contains("drift.readNoiseTReadSeconds"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Technologies.pcmGst().model().drift().factor(100));
        assertTrue(e.getMessage().contains("depends on conductance"), e.getMessage());
    }
}
