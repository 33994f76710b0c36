package org.rramlab.energy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One-at-a-time sensitivity of the analogue-vs-digital conclusion: each uncertain parameter of the macro and of the
 * digital processor is set to the ends of its plausible range (the others stay nominal) and the energy reduction
 * 100 x (1 - analogue / digital) is recomputed. A parameter <em>flips</em> the conclusion when the reduction changes
 * sign at either end.
 */
public final class Sensitivity {

    /**
     * One swept parameter.
     *
     * @param owner           {@code analogue} or the digital processor's name
     * @param reductionAtLow  energy reduction in percent with the parameter at {@code low}
     * @param reductionAtHigh the same at {@code high}
     * @param flips           the sign of the reduction differs from the nominal one at low or high
     */
    public record Row(String owner, String parameter, String unit, double nominal, double low, double high,
                      double reductionAtLow, double reductionAtHigh, boolean flips) {}

    private Sensitivity() {}

    /** Sweeps inference energy, analogue vs. the processor's board energy (power x time). */
    public static List<Row> inference(AnalogMacro macro, DigitalProcessor processor, Workload w) {
        return sweep(macro, processor, inferenceReduction(w));
    }

    /** Sweeps inference energy, analogue vs. the ideal digital lower bound (FLOPs and DRAM bytes). */
    public static List<Row> inferenceVersusLowerBound(AnalogMacro macro, DigitalProcessor processor, Workload w) {
        return sweep(macro, processor, lowerBoundReduction(w));
    }

    /** Sweeps any reduction function of (macro, processor). */
    public static List<Row> sweep(AnalogMacro macro, DigitalProcessor processor,
                                  BiFunction<AnalogMacro, DigitalProcessor, Double> reduction) {
        double nominal = reduction.apply(macro, processor);
        List<Row> rows = new ArrayList<>();
        for (Parameter p : macro.parameters()) {
            if (p.isUncertain()) {
                double lo = reduction.apply(macro.with(p.name(), p.low()), processor);
                double hi = reduction.apply(macro.with(p.name(), p.high()), processor);
                rows.add(row("analogue", p, nominal, lo, hi));
            }
        }
        for (Parameter p : processor.parameters()) {
            if (p.isUncertain()) {
                double lo = reduction.apply(macro, processor.with(p.name(), p.low()));
                double hi = reduction.apply(macro, processor.with(p.name(), p.high()));
                rows.add(row(processor.name(), p, nominal, lo, hi));
            }
        }
        return rows;
    }

    /**
     * All uncertain parameters at once at the end of their range that is worse for the analogue side (judged one at
     * a time from {@code rows}): the reduction in the most pessimistic corner of the box.
     */
    public static double worstCase(AnalogMacro macro, DigitalProcessor processor, List<Row> rows,
                                   BiFunction<AnalogMacro, DigitalProcessor, Double> reduction) {
        AnalogMacro m = macro;
        DigitalProcessor p = processor;
        for (Row r : rows) {
            double worst = r.reductionAtLow() <= r.reductionAtHigh() ? r.low() : r.high();
            if (r.owner().equals("analogue")) {
                m = m.with(r.parameter(), worst);
            } else {
                p = p.with(r.parameter(), worst);
            }
        }
        return reduction.apply(m, p);
    }

    /** The inference reduction (analogue vs. board energy) of one workload, as a function for {@link #sweep}. */
    public static BiFunction<AnalogMacro, DigitalProcessor, Double> inferenceReduction(Workload w) {
        return (m, p) -> new AnalogEnergyModel(m).inference(w).reductionVersus(new DigitalEnergyModel(p).inference(w));
    }

    /** The inference reduction vs. the digital lower bound, as a function for {@link #sweep}. */
    public static BiFunction<AnalogMacro, DigitalProcessor, Double> lowerBoundReduction(Workload w) {
        return (m, p) -> new AnalogEnergyModel(m).inference(w)
                .reductionVersus(new DigitalEnergyModel(p).inferenceLowerBound(w));
    }

    private static Row row(String owner, Parameter p, double nominal, double lo, double hi) {
        boolean flips = Math.signum(lo) != Math.signum(nominal) || Math.signum(hi) != Math.signum(nominal);
        return new Row(owner, p.name(), p.unit(), p.value(), p.low(), p.high(), lo, hi, flips);
    }

    /** The rows as a table, widest swing first. */
    public static Table table(String title, List<Row> rows) {
        List<Row> sorted = rows.stream().sorted((a, b) -> Double.compare(swing(b), swing(a))).toList();
        return Table.create(title,
                StringColumn.create("owner", sorted.stream().map(Row::owner)),
                StringColumn.create("parameter", sorted.stream().map(Row::parameter)),
                StringColumn.create("unit", sorted.stream().map(Row::unit)),
                DoubleColumn.create("nominal", sorted.stream().mapToDouble(Row::nominal)),
                DoubleColumn.create("low", sorted.stream().mapToDouble(Row::low)),
                DoubleColumn.create("high", sorted.stream().mapToDouble(Row::high)),
                DoubleColumn.create("reduction % at low", sorted.stream().mapToDouble(r -> round1(r.reductionAtLow()))),
                DoubleColumn.create("reduction % at high", sorted.stream().mapToDouble(r -> round1(r.reductionAtHigh()))),
                BooleanColumn.create("flips conclusion", sorted.stream().map(Row::flips).toList()));
    }

    /** Names of the parameters that flip the conclusion. */
    public static List<String> flipping(List<Row> rows) {
        return rows.stream().filter(Row::flips).map(r -> r.owner() + "." + r.parameter()).toList();
    }

    private static double swing(Row r) {
        return Math.abs(r.reductionAtHigh() - r.reductionAtLow());
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
