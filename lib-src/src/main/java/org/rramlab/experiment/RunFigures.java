package org.rramlab.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.rramlab.plot.Charts;
import org.rramlab.train.TrainResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Figures common to every task's runs: training curves side by side, and the paper-versus-ours table. */
public final class RunFigures {
    private RunFigures() {}

    /** The runs' training curves as one table: run, epoch, test and training score (accuracies in %). */
    public static Table curves(Map<String, TrainResult> runs) {
        StringColumn run = StringColumn.create("run");
        DoubleColumn epoch = DoubleColumn.create("epoch"), test = DoubleColumn.create("test score"), train = DoubleColumn.create("train score");
        for (Map.Entry<String, TrainResult> e : runs.entrySet()) {
            Table m = e.getValue().metrics();
            String s = e.getValue().score();
            double scale = s.equals("acc") ? 100 : 1;
            for (int i = 0; i < m.rowCount(); i++) {
                run.append(e.getKey());
                epoch.append(m.intColumn("epoch").get(i));
                test.append(scale * m.doubleColumn("test " + s).getDouble(i));
                train.append(m.containsColumn("train " + s) ? scale * m.doubleColumn("train " + s).getDouble(i) : Double.NaN);
            }
        }
        return Table.create("training curves", run, epoch, test, train);
    }

    /** The test score per epoch of each run, one line each (accuracies in %). */
    public static XYChart testScores(String title, Map<String, TrainResult> runs) {
        Map<String, Charts.XY> series = new LinkedHashMap<>();
        String label = "test score";
        for (Map.Entry<String, TrainResult> e : runs.entrySet()) {
            Table m = e.getValue().metrics();
            String s = e.getValue().score();
            double scale = s.equals("acc") ? 100 : 1;
            label = s.equals("acc") ? "test accuracy (%)" : "test " + s;
            series.put(e.getKey(), new Charts.XY(m.intColumn("epoch").asDoubleArray(), m.doubleColumn("test " + s).multiply(scale).asDoubleArray()));
        }
        return Charts.xy(title, "epoch", label, series);
    }

    /**
     * The baseline's test score against write-noise sigma, one line per noise definition, with the run's own best
     * test score as a flat reference line (accuracies in %).
     */
    public static XYChart baseline(RunResult run) {
        if (run.baseline() == null) throw new IllegalArgumentException("run " + run.spec().preset() + ": has no baseline (spec.baseline is null)");
        Table sweep = run.baseline().sweep();
        String s = run.training().score();
        double scale = s.equals("acc") ? 100 : 1;
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        double maxSigma = 0;
        for (int i = 0; i < sweep.rowCount(); i++) {
            double sigma = sweep.doubleColumn("sigma").getDouble(i);
            maxSigma = Math.max(maxSigma, sigma);
            points.computeIfAbsent("trained weights programmed, σ × " + sweep.stringColumn("noise").get(i), k -> new java.util.ArrayList<>())
                    .add(new double[] {sigma, scale * sweep.doubleColumn(s).getDouble(i)});
        }
        Map<String, Charts.XY> series = new LinkedHashMap<>();
        points.forEach((k, v) -> series.put(k, new Charts.XY(v.stream().mapToDouble(p -> p[0]).toArray(), v.stream().mapToDouble(p -> p[1]).toArray())));
        double best = scale * run.training().bestTestScore();
        String pruned = "pruned network (" + run.spec().preset() + ")";
        series.put(pruned, new Charts.XY(new double[] {0, maxSigma}, new double[] {best, best}));
        org.knowm.xchart.XYChart chart = Charts.xy("conventional baseline vs. write noise", "write-noise sigma (fraction of range / of target)",
                s.equals("acc") ? "test accuracy (%)" : "test " + s, series);
        chart.getSeriesMap().get(pruned).setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);   // the reference, dashed
        return chart;
    }

    /**
     * Where a claimed gap falls on the baseline's range-relative sweep: the write-noise sigma at which the programmed
     * baseline scores {@code gapPoints} below the run's best (linear interpolation; NaN when the sweep does not reach).
     */
    public static double sigmaAtGap(RunResult run, double gapPoints) {
        Table sweep = run.baseline().sweep();
        String s = run.training().score();
        double target = run.training().bestTestScore() - gapPoints / 100;
        Table range = sweep.where(sweep.stringColumn("noise").isEqualTo("range"));
        double[] sigma = range.doubleColumn("sigma").asDoubleArray(), score = range.doubleColumn(s).asDoubleArray();
        for (int i = 1; i < sigma.length; i++) {
            if (score[i - 1] >= target && score[i] < target) {
                return sigma[i - 1] + (sigma[i] - sigma[i - 1]) * (score[i - 1] - target) / (score[i - 1] - score[i]);
            }
        }
        return Double.NaN;
    }

    /** The confusion matrix of a classification run's network on its test set (each batch a fresh read). */
    public static org.rramlab.metrics.ConfusionMatrix confusion(RunResult run, int classes) {
        var test = run.data().test();
        int batch = run.spec().training().batchSize();
        int[] predicted = new int[test.size()];
        for (int from = 0; from < test.size(); from += batch) {
            var b = test.range(from, Math.min(test.size(), from + batch));
            long[] p = run.model().forward(b.inputs(), false).argMax(1).toLongVector();
            for (int i = 0; i < p.length; i++) predicted[from + i] = (int) p[i];
        }
        return org.rramlab.metrics.ConfusionMatrix.of(test.labels(), predicted, classes);
    }

    /**
     * The selection score of {@code passes} passes over the test set, each test batch of each pass a fresh read of
     * every array: the spread is what cycle-to-cycle read noise does to the score.
     */
    public static double[] underReadNoise(RunResult run, int passes) {
        if (passes < 1) throw new IllegalArgumentException("passes: expected >= 1, got " + passes);
        var objective = Experiment.objective(run.spec());
        double[] s = new double[passes];
        for (int i = 0; i < passes; i++) s[i] = objective.evaluate(run.model(), run.data().test(), run.spec().training().batchSize()).get(objective.score());
        return s;
    }

    /** Paper versus ours: one row per quantity. */
    public static Table paperVsOurs(List<String> what, List<String> paper, List<String> ours) {
        return Table.create("paper vs. ours", StringColumn.create("quantity", what), StringColumn.create("paper / authors' script", paper),
                StringColumn.create("ours", ours));
    }
}
