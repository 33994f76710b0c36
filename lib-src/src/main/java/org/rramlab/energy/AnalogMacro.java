package org.rramlab.energy;

import static org.rramlab.energy.Parameter.known;
import static org.rramlab.energy.Parameter.uncertain;
import static org.rramlab.energy.Source.assumed;
import static org.rramlab.energy.Source.cited;

import org.rramlab.device.DeviceModel;

/**
 * The analogue macro that runs the forward multiplies: a resistive-memory crossbar with its DACs, ADCs and a small
 * digital periphery. Every number is a {@link Parameter} with unit, source and plausible range; change one with
 * {@code macro.with("adcBits", 14)}.
 *
 * <p>Units: volts, nanoseconds, microsiemens (uS), femto/picojoules as named in each parameter's unit.
 */
public record AnalogMacro(
        Parameter readVoltage,
        Parameter readPulse,
        Parameter formedConductance,
        Parameter offConductance,
        Parameter meanInputSquare,
        Parameter dacEnergyPerBit,
        Parameter dacMinimumBits,
        Parameter adcBits,
        Parameter adcWaldenFom,
        Parameter adcConversionTime,
        Parameter columnsPerAdc,
        Parameter arraySize,
        Parameter arrays,
        Parameter peripheryOpEnergy,
        Parameter peripheryMacEnergy,
        Parameter sramEnergyPerByte,
        Parameter peripheryThroughput) implements ParameterSet<AnalogMacro> {

    public AnalogMacro {
        ParameterSet.checkNames(AnalogMacro.class, readVoltage, readPulse, formedConductance, offConductance, meanInputSquare,
                dacEnergyPerBit, dacMinimumBits, adcBits, adcWaldenFom, adcConversionTime, columnsPerAdc, arraySize, arrays,
                peripheryOpEnergy, peripheryMacEnergy, sramEnergyPerByte, peripheryThroughput);
        if (arraySize.value() < 2 || arraySize.value() % 2 != 0) {
            throw new IllegalArgumentException("arraySize: " + arraySize.value()
                    + " cells, expected an even number >= 2 (a weight is a differential pair of columns)");
        }
        if (arrays.value() < 1 || columnsPerAdc.value() < 1 || peripheryThroughput.value() <= 0) {
            throw new IllegalArgumentException("arrays " + arrays.value() + ", columnsPerAdc " + columnsPerAdc.value()
                    + ", peripheryThroughput " + peripheryThroughput.value() + ": expected arrays >= 1, "
                    + "columnsPerAdc >= 1, peripheryThroughput > 0");
        }
        if (meanInputSquare.value() > 1) {
            throw new IllegalArgumentException("meanInputSquare: " + meanInputSquare.value()
                    + ", expected a fraction of the full-scale read voltage squared, in [0, 1]");
        }
    }

    /**
     * The paper's 40 nm TaOx macro (one 512x512 array, 16-bit DACs, 14-bit ADCs on chip) with the periphery an
     * energy-optimised design would use: ADCs resolve 8 bits (enough for the partial sums of 3-6-bit inputs), the
     * digital periphery is an ASIC at Horowitz's 45 nm energies rather than the FPGA+ARM of the test system. The cell
     * side (read voltage and pulse, formed and off conductance) is that of {@link DeviceModel#taox40nm()}.
     */
    public static AnalogMacro taox40nm() {
        return of(DeviceModel.taox40nm());
    }

    /**
     * The macro of {@link #taox40nm()}'s periphery around the cells of {@code device}: read voltage and pulse from its
     * {@link org.rramlab.device.Pulses}, formed conductance = the mean of its SET state, off conductance = the mean of
     * its RESET state. One device, one set of numbers: the energy model never restates a device.
     */
    public static AnalogMacro of(DeviceModel device) {
        if (device == null) throw new IllegalArgumentException("device is null: expected a DeviceModel, e.g. DeviceModel.taox40nm()");
        var pulses = device.pulses();
        String from = "device model '" + device.name() + "'";
        double formed = device.switching().setState().drawMeanUs(), off = device.switching().resetState().drawMeanUs();
        return new AnalogMacro(
                uncertain("readVoltage", pulses.readV(), "V", assumed(from + ": typical read voltage of 40 nm RRAM macros"), 0.1, 0.3),
                uncertain("readPulse", pulses.readNs(), "ns", assumed(from + ": typical read pulse of 40 nm RRAM macros"), 5, 100),
                uncertain("formedConductance", formed, "uS", cited(from + ": mean of the SET state (for TaOx the formed state, "
                        + "the same group's 40 nm macro: N(14.25 uS, 2.46 uS), reproduction.md)"), Math.min(5, formed), Math.max(30, formed)),
                uncertain("offConductance", off, "uS", assumed(from + ": mean of the RESET state; unformed cells are ~10 MOhm = 0.1 uS"),
                        Math.min(0.1, off), Math.max(5, off)),
                uncertain("meanInputSquare", 0.25, "fraction", assumed("mean of (input/full scale)^2 over inputs; "
                        + "ReLU outputs are sparse and small"), 0.05, 1),
                uncertain("dacEnergyPerBit", 25, "fJ", assumed("energy per input conversion and bit of a compact "
                        + "DAC/driver"), 5, 250),
                uncertain("dacMinimumBits", 1, "bits", assumed("DACs sized to each layer's input precision (4/3/6 "
                        + "bits); the test chip's DACs have 16 bits (paper)"), 1, 16),
                uncertain("adcBits", 8, "bits", assumed("resolution an energy-optimised design needs for partial "
                        + "sums; the test chip has 14-bit ADCs (paper)"), 6, 14),
                uncertain("adcWaldenFom", 10, "fJ/conv-step", cited("Murmann ADC survey: energy per conversion = "
                        + "FOM_W * 2^bits, moderate-speed SAR ADCs ~1-100 fJ/conv-step"), 1, 100),
                uncertain("adcConversionTime", 10, "ns", assumed("~100 MS/s SAR ADC"), 1, 100),
                uncertain("columnsPerAdc", 8, "columns", assumed("ADC shared by 8 differential columns through a "
                        + "multiplexer"), 1, 32),
                known("arraySize", 512, "cells", cited("paper: one 512x512 crossbar (256K) in 40 nm")),
                known("arrays", 1, "arrays", cited("paper: the test chip has one array; tiles run one after another")),
                uncertain("peripheryOpEnergy", 0.1, "pJ", cited("Horowitz ISSCC 2014, 45 nm: 32-bit integer add "
                        + "0.1 pJ (an FPGA/ARM periphery costs 10-100x more)"), 0.03, 10),
                uncertain("peripheryMacEnergy", 4.6, "pJ", cited("Horowitz ISSCC 2014, 45 nm: fp32 multiply 3.7 pJ "
                        + "+ add 0.9 pJ"), 0.5, 10),
                uncertain("sramEnergyPerByte", 1.25, "pJ/B", cited("Horowitz ISSCC 2014, 45 nm: 8 kB SRAM, 64-bit "
                        + "read 10 pJ"), 0.3, 10),
                uncertain("peripheryThroughput", 10, "Gop/s", assumed("digital periphery of an ASIC macro"), 1, 100));
    }

    /**
     * The test system as built: 16-bit DACs and 14-bit ADCs (paper), digital work on an FPGA + ARM SoC (paper), with
     * energies per operation and per buffered byte of FPGA logic and block RAM (assumed). The other values as in
     * {@link #taox40nm()}. An upper estimate for the analogue side.
     */
    public static AnalogMacro testChipAsBuilt() {
        AnalogMacro m = taox40nm();
        return new AnalogMacro(m.readVoltage, m.readPulse, m.formedConductance, m.offConductance, m.meanInputSquare,
                m.dacEnergyPerBit,
                uncertain("dacMinimumBits", 16, "bits", cited("paper: 16-bit DACs drive the lines"), 1, 16),
                uncertain("adcBits", 14, "bits", cited("paper: 14-bit ADCs read the currents"), 6, 14),
                m.adcWaldenFom, m.adcConversionTime, m.columnsPerAdc, m.arraySize, m.arrays,
                uncertain("peripheryOpEnergy", 10, "pJ", assumed("an operation in FPGA logic (paper: FPGA + ARM SoC "
                        + "does activation and pooling)"), 1, 100),
                uncertain("peripheryMacEnergy", 20, "pJ", assumed("an fp32 MAC in FPGA DSP slices"), 5, 100),
                uncertain("sramEnergyPerByte", 5, "pJ/B", assumed("FPGA block RAM access per byte"), 1, 20),
                uncertain("peripheryThroughput", 1, "Gop/s", assumed("FPGA + ARM SoC"), 0.1, 10));
    }

    /** Energy of reading one cell of conductance {@code g_uS} for one pulse at full-scale voltage, in joules. */
    public double cellReadEnergy(double conductanceMicroSiemens) {
        double v = readVoltage.value();
        return v * v * conductanceMicroSiemens * 1e-6 * readPulse.value() * 1e-9;
    }

    /** Energy of one ADC conversion at {@link #adcBits} (Walden figure of merit), in joules. */
    public double adcConversionEnergy() {
        return adcWaldenFom.value() * 1e-15 * Math.pow(2, adcBits.value());
    }

    /** Energy of one DAC conversion of a {@code bits}-bit input, at least {@link #dacMinimumBits}, in joules. */
    public double dacConversionEnergy(int bits) {
        return dacEnergyPerBit.value() * 1e-15 * Math.max(bits, dacMinimumBits.value());
    }

    /** Cells along one side of an array. */
    public int arrayCells() {
        return (int) arraySize.value();
    }
}
