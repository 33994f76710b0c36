package org.rramlab.energy;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ProgrammingCostModelTest {

    private final ProgrammingCostModel model = new ProgrammingCostModel(DevicePulses.taoxTypical(),
            AnalogMacro.taox40nm());

    @Test
    void pulseEnergiesAreVoltsTimesCurrentTimesWidth() {
        DevicePulses p = DevicePulses.taoxTypical();
        assertEquals(3.3 * 100e-6 * 1000e-9, p.formingEnergy(), 1e-24, "the device model's forming pulse: 3.3 V, 1 us");
        assertEquals(1.5 * 100e-6 * 100e-9, p.setEnergy(), 1e-24);
        assertEquals(1.8 * 100e-6 * 100e-9, p.resetEnergy(), 1e-24);
    }

    @Test
    void maskFlipsByHand() {
        ProgrammingCost c = model.maskFlips("flips", 10, 20);
        assertEquals(30, c.pulses());
        assertEquals(10 * 15e-12 + 20 * 18e-12, c.joules(), 1e-22);
        assertEquals(30 * 100e-9, c.seconds(), 1e-15);
        // doubling the SET pulse width doubles the SET share only
        ProgrammingCost longer = new ProgrammingCostModel(DevicePulses.taoxTypical().with("setPulse", 200),
                AnalogMacro.taox40nm()).maskFlips("flips", 10, 20);
        assertEquals(10 * 30e-12 + 20 * 18e-12, longer.joules(), 1e-22);
    }

    @Test
    void writeVerifyIterationIsSetPulseReadAndConversion() {
        AnalogMacro m = AnalogMacro.taox40nm();
        double g = m.formedConductance().value();
        assertEquals(14.25, g, 1e-6, "the mean of the device's formed state");
        double read = 0.04 * g * 1e-6 * 10e-9;
        double adc = 10e-15 * 256;
        ProgrammingCost c = model.writeVerify(100, 10);
        assertEquals(1000, c.pulses());
        assertEquals(1000 * (15e-12 + read + adc), c.joules(), 1e-20);
        assertEquals(1000 * (100e-9 + 100e-9), c.seconds(), 1e-12);
        assertEquals(read, m.cellReadEnergy(g), 1e-27);
    }

    @Test
    void pruningVersusWriteVerifyListsEachWay() {
        var costs = model.pruningVersusWriteVerify("t", 100, 1001, java.util.Optional.of(10L), 10);
        assertEquals(java.util.List.of("t: forming", "t: flips, no flip limit", "t: flips, flip limit",
                "t: write-verify"), costs.stream().map(ProgrammingCost::label).toList());
        assertEquals(1001, costs.get(1).pulses());
        assertEquals(500 * 15e-12 + 501 * 18e-12, costs.get(1).joules(), 1e-20);
        assertEquals(2000, costs.get(3).pulses(), "both cells of 100 pairs, 10 iterations each");
        assertEquals(3, model.pruningVersusWriteVerify("t", 100, 1001, java.util.Optional.empty(), 10).size());
    }

    @Test
    void badCountsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.maskFlips("x", -1, 0));
        assertTrue(e.getMessage().startsWith("sets: -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.writeVerify(10, 0.5));
        assertTrue(e.getMessage().startsWith("pulsesPerCell: 0.5"), e.getMessage());
    }
}
