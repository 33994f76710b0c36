package org.rramlab.energy;

import static org.rramlab.energy.Parameter.uncertain;
import static org.rramlab.energy.Source.assumed;

import org.rramlab.device.DeviceModel;

/**
 * The programming pulses of a resistive-memory cell: forming (once per cell, makes the random conductance), SET and
 * RESET (one per mask flip when pruning), and the verify read of conventional write-verify programming. A pulse's
 * energy is taken as voltage x compliance current x width: an upper estimate, since the current is below compliance
 * for part of the pulse. None of these is public for the paper's macro: all are assumed and swept. The values are the
 * device model's own ({@link #of}): one device, one set of numbers.
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

    /** The pulses of {@link DeviceModel#taox40nm()}. */
    public static DevicePulses taoxTypical() {
        return of(DeviceModel.taox40nm());
    }

    /**
     * The pulses of {@code device}: forming voltage and width from its forming reference pulse, the rest from its
     * {@link org.rramlab.device.Pulses}; every value assumed (not published for the paper's macro) and swept over the
     * range given here.
     */
    public static DevicePulses of(DeviceModel device) {
        if (device == null) throw new IllegalArgumentException("device is null: expected a DeviceModel, e.g. DeviceModel.taox40nm()");
        var p = device.pulses();
        var forming = device.forming().reference();
        String from = "device model '" + device.name() + "': ";
        return new DevicePulses(
                uncertain("formingVoltage", forming.amplitudeV(), "V", assumed(from + "forming reference pulse"), Math.min(2, forming.amplitudeV()), Math.max(4, forming.amplitudeV())),
                uncertain("formingCurrent", p.formingUa(), "uA", assumed(from + "compliance current during forming"), Math.min(20, p.formingUa()), Math.max(300, p.formingUa())),
                uncertain("formingPulse", forming.widthNs(), "ns", assumed(from + "forming pulse width"), Math.min(100, forming.widthNs()), Math.max(10000, forming.widthNs())),
                uncertain("setVoltage", p.setV(), "V", assumed(from + "SET voltage"), Math.min(1, p.setV()), Math.max(2.5, p.setV())),
                uncertain("setCurrent", p.setUa(), "uA", assumed(from + "SET compliance current"), Math.min(20, p.setUa()), Math.max(300, p.setUa())),
                uncertain("setPulse", p.setNs(), "ns", assumed(from + "SET pulse width"), Math.min(10, p.setNs()), Math.max(1000, p.setNs())),
                uncertain("resetVoltage", p.resetV(), "V", assumed(from + "RESET voltage"), Math.min(1, p.resetV()), Math.max(3, p.resetV())),
                uncertain("resetCurrent", p.resetUa(), "uA", assumed(from + "peak RESET current"), Math.min(20, p.resetUa()), Math.max(300, p.resetUa())),
                uncertain("resetPulse", p.resetNs(), "ns", assumed(from + "RESET pulse width"), Math.min(10, p.resetNs()), Math.max(1000, p.resetNs())),
                uncertain("verifyTime", p.verifyNs(), "ns", assumed(from + "read-and-compare after each write-verify pulse"), Math.min(20, p.verifyNs()), Math.max(1000, p.verifyNs())));
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
