package org.rramlab.energy;

import static org.rramlab.energy.Parameter.uncertain;
import static org.rramlab.energy.Source.assumed;

/**
 * The programming pulses of a resistive-memory cell: forming (once per cell, makes the random conductance), SET and
 * RESET (one per mask flip when pruning), and the verify read of conventional write-verify programming. A pulse's
 * energy is taken as voltage x compliance current x width: an upper estimate, since the current is below compliance
 * for part of the pulse. None of these is public for the paper's macro: all are assumed and swept.
 */
public record DevicePulses(
        Parameter formingVoltage,
        Parameter formingCurrent,
        Parameter formingPulse,
        Parameter setVoltage,
        Parameter setCurrent,
        Parameter setPulse,
        Parameter resetVoltage,
        Parameter resetCurrent,
        Parameter resetPulse,
        Parameter verifyTime) implements ParameterSet<DevicePulses> {

    public DevicePulses {
        ParameterSet.checkNames(DevicePulses.class, formingVoltage, formingCurrent, formingPulse, setVoltage, setCurrent,
                setPulse, resetVoltage, resetCurrent, resetPulse, verifyTime);
    }

    /** Pulses typical of TaOx cells in the literature; every value assumed (not published for the paper's macro). */
    public static DevicePulses taoxTypical() {
        return new DevicePulses(
                uncertain("formingVoltage", 3.0, "V", assumed("typical TaOx forming voltage"), 2, 4),
                uncertain("formingCurrent", 100, "uA", assumed("compliance current during forming"), 20, 300),
                uncertain("formingPulse", 1000, "ns", assumed("forming pulse width"), 100, 10000),
                uncertain("setVoltage", 1.5, "V", assumed("typical TaOx SET voltage"), 1, 2.5),
                uncertain("setCurrent", 100, "uA", assumed("SET compliance current"), 20, 300),
                uncertain("setPulse", 100, "ns", assumed("SET pulse width"), 10, 1000),
                uncertain("resetVoltage", 1.8, "V", assumed("typical TaOx RESET voltage"), 1, 3),
                uncertain("resetCurrent", 100, "uA", assumed("peak RESET current"), 20, 300),
                uncertain("resetPulse", 100, "ns", assumed("RESET pulse width"), 10, 1000),
                uncertain("verifyTime", 100, "ns", assumed("read-and-compare after each write-verify pulse"), 20, 1000));
    }

    /** Energy of one forming pulse, in joules. */
    public double formingEnergy() {
        return pulseEnergy(formingVoltage, formingCurrent, formingPulse);
    }

    /** Energy of one SET pulse, in joules. */
    public double setEnergy() {
        return pulseEnergy(setVoltage, setCurrent, setPulse);
    }

    /** Energy of one RESET pulse, in joules. */
    public double resetEnergy() {
        return pulseEnergy(resetVoltage, resetCurrent, resetPulse);
    }

    private static double pulseEnergy(Parameter volts, Parameter microAmps, Parameter nanoSeconds) {
        return volts.value() * microAmps.value() * 1e-6 * nanoSeconds.value() * 1e-9;
    }
}
