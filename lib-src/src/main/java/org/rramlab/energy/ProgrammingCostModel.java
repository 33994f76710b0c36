package org.rramlab.energy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Programming cost of the two ways to put a network on resistive memory:
 * <ul>
 *   <li>pruning random conductances: form every cell once, then one SET or RESET per mask flip (counts come from a
 *       programming ledger; no verify, no precision needed);</li>
 *   <li>conventional: program every trained weight with write-verify, a number of pulse-and-verify iterations per
 *       cell (each a SET-like pulse, one cell read and one ADC conversion).</li>
 * </ul>
 */
public record ProgrammingCostModel(DevicePulses pulses, AnalogMacro macro) {

    public ProgrammingCostModel {
        if (pulses == null || macro == null) {
            throw new IllegalArgumentException("pulses " + pulses + ", macro " + macro + ": expected both, e.g. "
                    + "DevicePulses.taoxTypical() and AnalogMacro.taox40nm()");
        }
    }

    /** Forming {@code cells} cells once. */
    public ProgrammingCost forming(long cells) {
        requireCount("cells", cells);
        return new ProgrammingCost("forming", cells, cells * pulses.formingEnergy(),
                cells * pulses.formingPulse().value() * 1e-9);
    }

    /** SET and RESET pulses of mask flips ({@code sets} edges reinstated, {@code resets} edges pruned). */
    public ProgrammingCost maskFlips(String label, long sets, long resets) {
        requireCount("sets", sets);
        requireCount("resets", resets);
        return new ProgrammingCost(label, sets + resets, sets * pulses.setEnergy() + resets * pulses.resetEnergy(),
                (sets * pulses.setPulse().value() + resets * pulses.resetPulse().value()) * 1e-9);
    }

    /**
     * Write-verify programming of {@code cells} cells with {@code pulsesPerCell} iterations each on average.
     * Each iteration: one SET-like pulse, one read of a formed cell and one ADC conversion.
     */
    public ProgrammingCost writeVerify(long cells, double pulsesPerCell) {
        requireCount("cells", cells);
        if (!(pulsesPerCell >= 1) || Double.isInfinite(pulsesPerCell)) {
            throw new IllegalArgumentException("pulsesPerCell: " + pulsesPerCell + ", expected a finite number >= 1");
        }
        double n = cells * pulsesPerCell;
        ProgrammingCost one = writeVerifyPulses(1);
        return new ProgrammingCost("write-verify", n, n * one.joules(), n * one.seconds());
    }

    /**
     * Write-verify as counted by a simulation: {@code pulses} pulse-and-verify iterations in all (e.g. the verify
     * pulse counter of a programmed crossbar).
     */
    public ProgrammingCost writeVerifyPulses(long pulses) {
        requireCount("pulses", pulses);
        double perIteration = this.pulses.setEnergy() + macro.cellReadEnergy(macro.formedConductance().value())
                + macro.adcConversionEnergy();
        return new ProgrammingCost("write-verify", pulses, pulses * perIteration,
                pulses * (this.pulses.setPulse().value() + this.pulses.verifyTime().value()) * 1e-9);
    }

    /**
     * The two ways side by side for one network of {@code weights} weights: forming (one formed cell per weight),
     * the mask flips of training without and, when counted, with the flip limit (sets = resets: top-k keeps the
     * number of kept edges fixed), and write-verify of both cells of every pair at {@code iterationsPerCell}.
     */
    public List<ProgrammingCost> pruningVersusWriteVerify(String task, long weights, long flipsWithoutLimit,
                                                          Optional<Long> flipsWithLimit, double iterationsPerCell) {
        List<ProgrammingCost> costs = new ArrayList<>();
        costs.add(relabel(forming(weights), task + ": forming"));
        costs.add(maskFlips(task + ": flips, no flip limit", flipsWithoutLimit / 2,
                flipsWithoutLimit - flipsWithoutLimit / 2));
        flipsWithLimit.ifPresent(n -> costs.add(maskFlips(task + ": flips, flip limit", n / 2, n - n / 2)));
        costs.add(relabel(writeVerify(2 * weights, iterationsPerCell), task + ": write-verify"));
        return costs;
    }

    private static ProgrammingCost relabel(ProgrammingCost c, String label) {
        return new ProgrammingCost(label, c.pulses(), c.joules(), c.seconds());
    }

    private static void requireCount(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + ": " + value + ", expected a count >= 0");
        }
    }
}
