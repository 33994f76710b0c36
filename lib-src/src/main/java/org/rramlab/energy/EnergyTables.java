package org.rramlab.energy;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tablesaw tables of workloads, breakdowns and comparisons, for notebooks. */
public final class EnergyTables {

    private EnergyTables() {}

    /** Per workload: weights, MACs, digital operations, arrays needed to hold it. */
    public static Table workloads(List<Workload> workloads, AnalogMacro macro) {
        return Table.create("Workloads per inference",
                StringColumn.create("network", workloads.stream().map(Workload::name)),
                LongColumn.create("weights", workloads.stream().mapToLong(Workload::weights).toArray()),
                LongColumn.create("MACs", workloads.stream().mapToLong(Workload::macs).toArray()),
                LongColumn.create("digital ops", workloads.stream().mapToLong(Workload::digitalOperations).toArray()),
                IntColumn.create("arrays needed", workloads.stream().mapToInt(w -> w.arraysNeeded(macro.arrayCells()))
                        .toArray()));
    }

    /** Per layer of one workload: shape, MVMs, tiles, energy of the analogue inference. */
    public static Table layers(Workload w, AnalogMacro macro) {
        AnalogEnergyModel model = new AnalogEnergyModel(macro);
        int n = macro.arrayCells();
        List<LayerWork> ls = w.layers();
        return Table.create(w.name() + " layers",
                StringColumn.create("layer", ls.stream().map(LayerWork::name)),
                IntColumn.create("rows", ls.stream().mapToInt(LayerWork::rows).toArray()),
                IntColumn.create("cols", ls.stream().mapToInt(LayerWork::cols).toArray()),
                LongColumn.create("MVMs", ls.stream().mapToLong(LayerWork::mvms).toArray()),
                IntColumn.create("tiles", ls.stream().mapToInt(l -> l.rowTiles(n) * l.colTiles(n)).toArray()),
                sig3Column("energy nJ", ls.stream().mapToDouble(l ->
                        model.inference(new Workload(l.name(), List.of(l))).total() * 1e9)));
    }

    /** Breakdowns side by side, one column per breakdown, parts as rows, in the given unit. */
    public static Table breakdowns(String title, List<EnergyBreakdown> list, EnergyUnit unit) {
        List<String> parts = list.stream().flatMap(b -> b.joules().keySet().stream()).distinct().toList();
        Table t = Table.create(title, StringColumn.create("part (" + unit.symbol() + ")", parts));
        for (EnergyBreakdown b : list) {
            t.addColumns(sig3Column(b.label(), parts.stream().mapToDouble(p -> unit.of(b.part(p)))));
        }
        return t;
    }

    /** Per workload: analogue, digital board and digital lower-bound energy of one inference, and the reductions. */
    public static Table comparison(List<Workload> workloads, AnalogEnergyModel analog, DigitalEnergyModel digital) {
        EnergyUnit u = EnergyUnit.NANOJOULE;
        return Table.create("One inference: analogue vs. " + digital.processor().name(),
                StringColumn.create("network", workloads.stream().map(Workload::name)),
                sig3Column("analogue nJ", workloads.stream().mapToDouble(w -> u.of(analog.inference(w).total()))),
                sig3Column("digital board nJ", workloads.stream()
                        .mapToDouble(w -> u.of(digital.inference(w).total()))),
                sig3Column("digital lower bound nJ", workloads.stream()
                        .mapToDouble(w -> u.of(digital.inferenceLowerBound(w).total()))),
                percentColumn("reduction vs board %", workloads.stream()
                        .mapToDouble(w -> analog.inference(w).reductionVersus(digital.inference(w)))),
                percentColumn("reduction vs lower bound %", workloads.stream()
                        .mapToDouble(w -> analog.inference(w).reductionVersus(digital.inferenceLowerBound(w)))),
                sig3Column("analogue latency us", workloads.stream()
                        .mapToDouble(w -> analog.latency(w).totalSeconds() * 1e6)),
                sig3Column("digital latency us", workloads.stream()
                        .mapToDouble(w -> digital.latency(w).totalSeconds() * 1e6)));
    }

    /** Per workload: energy of one training step of {@code batchSize} samples, analogue and digital. */
    public static Table training(List<Workload> workloads, AnalogEnergyModel analog, DigitalEnergyModel digital,
                                 int batchSize) {
        return Table.create("One training step, batch " + batchSize + ": analogue (hardware in the loop) vs. "
                        + digital.processor().name(),
                StringColumn.create("network", workloads.stream().map(Workload::name)),
                sig3Column("analogue uJ", workloads.stream()
                        .mapToDouble(w -> analog.trainingStep(w, batchSize).total() * 1e6)),
                percentColumn("of which digital weight gradient %", workloads.stream().mapToDouble(w -> {
                    EnergyBreakdown e = analog.trainingStep(w, batchSize);
                    return 100 * e.part(EnergyBreakdown.WEIGHT_GRADIENT) / e.total();
                })),
                sig3Column("digital uJ", workloads.stream()
                        .mapToDouble(w -> digital.trainingStep(w, batchSize).total() * 1e6)),
                percentColumn("reduction %", workloads.stream().mapToDouble(w -> analog.trainingStep(w, batchSize)
                        .reductionVersus(digital.trainingStep(w, batchSize)))));
    }

    private static DoubleColumn sig3Column(String name, java.util.stream.DoubleStream values) {
        return DoubleColumn.create(name, values.map(EnergyTables::sig3));
    }

    private static DoubleColumn percentColumn(String name, java.util.stream.DoubleStream values) {
        return DoubleColumn.create(name, values.map(v -> Math.round(v * 100) / 100.0));
    }

    /** Rounds to 3 significant digits for display: the model's inputs are not known to better than that. */
    static double sig3(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).doubleValue();
    }

    /** Programming costs side by side. */
    public static Table programming(String title, List<ProgrammingCost> costs) {
        return Table.create(title,
                StringColumn.create("programming", costs.stream().map(ProgrammingCost::label)),
                // counts are exact: not rounded for display
                DoubleColumn.create("pulses", costs.stream().mapToDouble(c -> Math.rint(c.pulses()))),
                sig3Column("energy uJ", costs.stream().mapToDouble(c -> c.joules() * 1e6)),
                sig3Column("time s", costs.stream().mapToDouble(ProgrammingCost::seconds)));
    }
}
