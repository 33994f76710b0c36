package org.rramlab.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rramlab.energy.EnergyBreakdown;
import org.rramlab.energy.ProgrammingCost;
import org.rramlab.layers.Sequential;
import org.rramlab.prune.ProgrammingLedger;
import org.rramlab.train.TrainResult;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a run produced, for notebooks and callers: the trained network (its tiles, masks and counters included), the
 * per-epoch metrics, the baseline, the whole-image scores (retina), the energy of the run, the summary and provenance
 * written to {@link #out()}.
 *
 * @param fov         whole-image scores inside the field of view (retina; empty otherwise)
 * @param maps        the vessel probability of each whole test image scored (retina; empty otherwise)
 * @param energy      inference energy per example on the run's tiles (null for software weights)
 * @param programming what programming the arrays cost: forming, flips, write-verify of the baseline
 */
public record RunResult(ExperimentSpec spec, Path out, TaskData data, Sequential model, TrainResult training, ProgrammingLedger ledger,
                        Baseline baseline, Map<String, Double> fov, List<float[]> maps, EnergyBreakdown energy,
                        List<ProgrammingCost> programming, Table summary, Provenance provenance, RetinaFigures.WholeImages wholeImages) {

    /**
     * The conventional baseline of the run.
     *
     * @param trained     the weight-trained network (before programming)
     * @param training    its per-epoch metrics
     * @param sweep       the programmed network's test scores per write-noise point (mean over programmings)
     * @param atReference the sweep's scores at the spec's reference point
     * @param reference   the network programmed at the reference point (its tiles and counters), or null
     */
    public record Baseline(Sequential trained, TrainResult training, Table sweep, Map<String, Double> atReference, Sequential reference) {}

    /** A figure of the summary by name, e.g. "best test acc"; NaN when the run has none. */
    public double figure(String name) {
        for (int i = 0; i < summary.rowCount(); i++) {
            if (summary.stringColumn("figure").get(i).equals(name)) return summary.doubleColumn("value").getDouble(i);
        }
        return Double.NaN;
    }

    /** The gain over the baseline at its reference point, in points of the selection score (NaN without a baseline). */
    public double gain() {
        return figure("gain in " + training.score() + " (points)");
    }

    /** The summary as people read it (figure, value as text; {@link #format}), for notebooks and the command line. */
    public Table readableSummary() {
        StringColumn what = StringColumn.create("figure"), value = StringColumn.create("value");
        for (int i = 0; i < summary.rowCount(); i++) {
            String name = summary.stringColumn("figure").get(i);
            what.append(label(name));
            value.append(format(name, summary.doubleColumn("value").getDouble(i)));
        }
        return Table.create(spec.preset() + " (" + spec.profile().name().toLowerCase(Locale.ROOT) + "): summary", what, value);
    }

    /**
     * A figure's name as the readable summary shows it, beside a value that {@link #format} prints with its unit: the
     * unit said once, in the value ({@code inference energy per example | 65.03 nJ}, not {@code ... (nJ) | 65.03 nJ}).
     * Names whose value is printed bare ({@code (pulses)}) keep their unit.
     */
    public static String label(String name) {
        return name.replace(" (nJ)", "").replace(" (points)", "")
                .replace("seconds per epoch", "time per epoch").replace("run seconds", "run time");
    }

    /** One figure as people read it: accuracies and AUCs in %, points with a sign, counts with separators. */
    public static String format(String name, double v) {
        if (Double.isNaN(v)) return "n/a";
        if (name.contains("(points)")) return String.format(Locale.ROOT, "%+.1f points", v);
        if (name.contains(" acc") || name.contains("AUC") || name.contains("F1") || name.contains("accuracy")) {
            return String.format(Locale.ROOT, "%.2f %%", 100 * v);   // before "epoch": "test ROC AUC at the best epoch" is a score
        }
        if (name.contains("epoch") && !name.contains("seconds")) return String.format(Locale.ROOT, "%d", Math.round(v));
        if (name.contains("flips") || name.contains("pulses")) return String.format(Locale.ROOT, "%,d", Math.round(v));
        if (name.contains("seconds")) return String.format(Locale.ROOT, "%.1f s", v);
        if (name.contains("(nJ)")) return String.format(Locale.ROOT, "%.4g nJ", v);
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
