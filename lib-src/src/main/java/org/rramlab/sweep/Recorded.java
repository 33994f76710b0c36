package org.rramlab.sweep;

import java.util.Arrays;
import java.util.List;
import org.rramlab.experiment.RunResult;

/**
 * What a sweep records per cell, by name in the sweep file's {@code "record"} list: the figures of the run's summary
 * that sweeps compare. Scores are the task's selection score (accuracy, ROC AUC).
 */
public enum Recorded {
    /** the test score after the last epoch */
    FINAL("final"),
    /** the best test score over the epochs (what the authors' scripts report) */
    BEST("best"),
    /** the test score at the epoch of the best validation score (selected without looking at the test set) */
    VALIDATION("validation"),
    /** mask flips during training (SET + RESET pulses) */
    FLIPS("flips"),
    /** inference energy per example, nJ (device weights only; NaN otherwise) */
    ENERGY("energy_nJ"),
    /**
     * the run's wall-clock seconds, and the CPU seconds of the thread that ran it ({@code cpu_seconds}: with
     * {@code OMP_NUM_THREADS=1} all of the cell's computing; BLAS threads of its own, GC and JIT are not counted)
     */
    SECONDS("seconds"),
    /** the baseline's score at its reference write noise, and the gain over it in points (NaN without a baseline) */
    BASELINE("baseline");

    private final String column;

    Recorded(String column) {
        this.column = column;
    }

    /** The name in sweep files and the results' column (BASELINE gives two: baseline, gain_points). */
    public String column() {
        return column;
    }

    /** The result columns this figure fills (BASELINE and SECONDS two each). */
    public List<String> columns() {
        return switch (this) {
            case BASELINE -> List.of("baseline", "gain_points");
            case SECONDS -> List.of("seconds", "cpu_seconds");
            default -> List.of(column);
        };
    }

    /** The figure(s) of a finished run that took {@code cpuSeconds} on its thread, in {@link #columns()} order. */
    double[] of(RunResult r, double cpuSeconds) {
        String score = r.training().score();
        return switch (this) {
            case FINAL -> new double[] {r.figure("final test " + score)};
            case BEST -> new double[] {r.figure("best test " + score)};
            case VALIDATION -> new double[] {r.figure("validation-selected test " + score)};
            case FLIPS -> new double[] {r.figure("mask flips")};
            case ENERGY -> new double[] {r.figure("inference energy per example (nJ)")};
            case SECONDS -> new double[] {r.figure("run seconds"), cpuSeconds};
            case BASELINE -> {
                double base = Double.NaN;
                for (int i = 0; i < r.summary().rowCount(); i++) {
                    String name = r.summary().stringColumn("figure").get(i);
                    if (name.equals("baseline " + score + " at " + (r.spec().baseline() == null ? "" : r.spec().baseline().reference().describe()))) {
                        base = r.summary().doubleColumn("value").getDouble(i);
                    }
                }
                yield new double[] {base, r.gain()};
            }
        };
    }

    /** The figure named {@code name} in a sweep file. */
    static Recorded parse(String name) {
        for (Recorded r : values()) if (r.column.equals(name) || r.name().equalsIgnoreCase(name)) return r;
        return null;
    }

    static List<String> names() {
        return Arrays.stream(values()).map(Recorded::column).toList();
    }

    /** The default: every figure. */
    public static List<Recorded> all() {
        return List.of(values());
    }
}
