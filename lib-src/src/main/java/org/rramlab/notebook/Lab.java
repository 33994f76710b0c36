package org.rramlab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rramlab.experiment.ExperimentSpec;
import org.rramlab.experiment.Presets;
import org.rramlab.experiment.Profile;
import org.rramlab.experiment.RunResult;
import org.rramlab.experiment.SpecJson;
import org.rramlab.plot.Numbers;
import org.rramlab.report.PaperClaims;
import org.rramlab.report.ReproductionSummary;
import org.rramlab.report.Results;
import org.rramlab.train.Progress;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The one entry point of the notebooks: an experiment is a spec, run in one call, and the paper's figures come from
 * one catalogue.
 * <pre>{@code
 * var run = Lab.preset("fashion").withKeep(0.3).run();    // a progress bar in the notebook, provenance on disk
 * Lab.table(run.spec())                                    // the spec: every setting, what differs from the preset marked
 * Lab.summary(run)                                         // the run's headline figures
 * Lab.versus(Map.of(PaperClaims.FASHION_ACCURACY_GAIN, run.gain()))   // paper vs ours, from the catalogue
 * }</pre>
 * Loading this class makes runs without a progress display of their own draw a {@link ProgressBar}.
 */
public final class Lab {
    static {
        Progress.useDisplay(ProgressBar::create);
    }

    private Lab() {}

    /** The preset {@code name} at the profile this notebook runs under ({@code RRAMLAB_PROFILE}, default quick). */
    public static ExperimentSpec preset(String name) {
        return Presets.get(name, Profile.current());
    }

    public static ExperimentSpec preset(String name, Profile profile) {
        return Presets.get(name, profile);
    }

    /** A spec file: a preset and what differs from it (the current profile unless the file names one). */
    public static ExperimentSpec load(String file) {
        return SpecJson.read(Path.of(file), Profile.current());
    }

    /** Runs {@code spec} with a progress bar; results, provenance and checkpoints go to {@code target/runs/}. */
    public static RunResult run(ExperimentSpec spec) {
        return spec.run();
    }

    /** The presets and what each runs. */
    public static Table presets() {
        return Presets.table();
    }

    /**
     * A spec as a table: every setting by its JSON path, its value, and whether it differs from the preset. A device
     * model is shown by name unless one of its fields was changed (then its fields are listed).
     */
    public static Table table(ExperimentSpec spec) {
        JsonNode mine = tree(spec.toJson()), preset = tree(Presets.get(spec.preset(), spec.profile()).toJson());
        StringColumn path = StringColumn.create("setting"), value = StringColumn.create("value"), changed = StringColumn.create("vs. preset");
        flatten("", mine, preset, path, value, changed);
        return Table.create("experiment " + spec.preset() + " (" + spec.profile().lowerName() + " profile)"
                + (spec.differences().isEmpty() ? "" : ", " + spec.differences().size() + " setting(s) changed"), path, value, changed);
    }

    private static JsonNode tree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void flatten(String at, JsonNode node, JsonNode base, StringColumn path, StringColumn value, StringColumn changed) {
        if (node.isObject() && node.has("forming") && node.has("switching")) {   // a device model: its name, unless changed
            if (node.equals(base)) {
                add(path, value, changed, at, node.get("name").asText(), false);
                return;
            }
        }
        if (node.isObject() && !node.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                flatten(at.isEmpty() ? e.getKey() : at + "." + e.getKey(), e.getValue(), base == null ? null : base.get(e.getKey()), path, value, changed);
            }
            return;
        }
        // numbers in the house style: 12,000 images, 1/12 as 0.08333 (not 0.08333333333333333), 5e-4 as 0.0005; seeds as they are
        String shown = node.isTextual() ? node.asText()
                : node.isIntegralNumber() ? (at.endsWith("seed") ? node.toString() : Numbers.count(node.asLong()))
                : node.isNumber() ? new java.math.BigDecimal(node.asDouble()).round(new java.math.MathContext(Numbers.DIGITS))
                        .stripTrailingZeros().toPlainString()
                : node.toString();
        add(path, value, changed, at, shown, base == null || !base.equals(node));
    }

    private static void add(StringColumn path, StringColumn value, StringColumn changed, String p, String v, boolean differs) {
        if (p.equals("preset") || p.equals("profile")) return;
        path.append(p);
        value.append(v);
        changed.append(differs ? "changed" : "");
    }

    /** The run's headline figures, formatted: scores as %, counts with separators, times in s. */
    public static Table summary(RunResult run) {
        return run.readableSummary();
    }

    /** One figure as people read it: accuracies and AUCs in %, points with a sign, counts with separators. */
    public static String format(String name, double v) {
        return RunResult.format(name, v);
    }

    /**
     * Paper versus ours from the catalogue: one row per claim with the paper's figure, ours, the difference, the verdict
     * the figures alone give ({@link ReproductionSummary.Verdict#compare}) and where the paper's figure is stated.
     * Ours must be in the claim's unit.
     */
    public static Table versus(Map<PaperClaims.Claim, Double> ours) {
        return versus(ours, List.of());
    }

    /**
     * Paper versus ours, with the caveats of the run the figures come from ({@link #caveats}): its verdicts read "not
     * comparable" with the reason, and what the figures alone would say.
     */
    public static Table versus(Map<PaperClaims.Claim, Double> ours, RunResult run) {
        return versus(ours, caveats(run));
    }

    private static Table versus(Map<PaperClaims.Claim, Double> ours, List<String> caveats) {
        StringColumn claim = StringColumn.create("claim"), paper = StringColumn.create("paper"), mine = StringColumn.create("ours"),
                diff = StringColumn.create("ours − paper"), verdict = StringColumn.create("verdict"), source = StringColumn.create("source");
        for (var e : new LinkedHashMap<>(ours).entrySet()) {
            PaperClaims.Claim c = e.getKey();
            double v = e.getValue() == null ? Double.NaN : e.getValue();
            claim.append(c.description() + (c.reference() ? " (reference)" : ""));
            boolean noFigure = Double.isNaN(c.paper());   // a claim whose numbers are not public
            paper.append(noFigure ? "no figure public" : withUnit(c.paper(), c.unit()));
            mine.append(withUnit(v, c.unit()));
            diff.append(Double.isNaN(v) || noFigure ? "n/a" : ReproductionSummary.difference(v - c.paper(), c.unit()));
            var figures = Double.isNaN(v) ? ReproductionSummary.Verdict.NOT_RUN : ReproductionSummary.Verdict.compare(c.paper(), v, c.unit());
            verdict.append(caveats.isEmpty() || Double.isNaN(v) ? figures.text()
                    : "not comparable: " + String.join("; ", caveats) + " (as it stands: " + figures.text() + ")");
            source.append(c.source());
        }
        return Table.create("paper vs. ours", claim, paper, mine, diff, verdict, source);
    }

    private static String withUnit(double v, String unit) {
        if (Double.isNaN(v)) return "not run";
        return ReproductionSummary.byUnit(v, unit);
    }

    /** Records ours for a claim for the reproduction summary ({@link Results#record}). */
    public static void record(PaperClaims.Claim claim, double ours, String note) {
        Results.record(claim.id(), ours, claim.unit(), note);
    }

    /**
     * Records ours for a claim, computed from {@code run}: the summary marks it not comparable for the reasons
     * {@link #caveats} finds in the run (synthetic data, fewer epochs than the paper's).
     */
    public static void record(PaperClaims.Claim claim, RunResult run, double ours, String note) {
        Results.record(claim.id(), ours, claim.unit(), note, caveats(run));
    }

    /**
     * Why a run's figures cannot be held against the paper's, from the run itself: synthetic data stands in for the
     * paper's, or it trained for fewer epochs (or on fewer examples) than the paper profile of its preset. Empty for a
     * paper-profile run on the real data.
     */
    public static List<String> caveats(RunResult run) {
        List<String> why = new ArrayList<>();
        if (run.spec().task() instanceof org.rramlab.experiment.TaskSpec.Retina && run.data().retina().set().synthetic()) {
            why.add("synthetic data");
        }
        if (run.spec().profile() != Profile.PAPER) {
            int paperEpochs = Presets.get(run.spec().preset(), Profile.PAPER).training().epochs();
            why.add("shorter run: " + run.spec().profile().lowerName() + " profile, " + run.spec().training().epochs()
                    + " of the paper's " + paperEpochs + " epochs");
        }
        return why;
    }

    /**
     * The weights one layer of {@code spec}'s network takes from the formed cells, kept and pruned, as the one read of
     * the formed array that training uses returns them (weight units): a histogram.
     */
    public static org.knowm.xchart.XYChart formedWeights(ExperimentSpec spec, String layer) {
        var tile = org.rramlab.layers.Layers.tiles(org.rramlab.experiment.Experiment.network(spec)).stream()
                .filter(t -> t.name().equals(layer)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("layer " + layer + ": not a tile of " + spec.preset() + " (software weights have none)"));
        float[] kept = new float[(int) tile.edges()], pruned = new float[(int) tile.edges()];
        tile.trainingRead(0, kept, pruned);
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("kept edge: formed - low", toDouble(kept));
        series.put("pruned edge: RESET - low", toDouble(pruned));
        return org.rramlab.plot.Charts.histogram("one read of the formed " + layer + " tile " + java.util.Arrays.toString(tile.shape())
                + " (weight units)", "weight", series, 80);
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }

    /**
     * The ADC / IR-drop study on a finished run: its pruned network and its baseline (programmed at the reference
     * point) evaluated again with the paper's chain at each ADC resolution, IR drop off and on ({@code irOhm} per
     * segment), the ideal chain as reference. Shows the chart, returns the table.
     */
    public static Table adcStudy(RunResult run, int[] adcBits, double irOhm) {
        Map<String, org.rramlab.layers.Sequential> nets = new LinkedHashMap<>();
        nets.put("pruned (" + run.spec().preset() + ")", run.model());
        if (run.baseline() != null && run.baseline().reference() != null) nets.put("baseline at " + run.spec().baseline().reference().describe(), run.baseline().reference());
        Table t = org.rramlab.study.ChainStudy.adcStudy(nets, adcBits, irOhm, run.data().test(), run.spec().training().batchSize(), Progress.display());
        Show.show(org.rramlab.study.ChainStudy.adcChart(t));
        return t;
    }

    /**
     * The energy of a finished run, read off its own tiles: the tiles as counted, the inference energy per example of
     * the run, of its baseline and of the paper's workload of the same network, and what programming cost. Shows the
     * first tables, returns the programming table.
     */
    public static Table energy(RunResult run, org.rramlab.energy.Workload paperWorkload) {
        var device = org.rramlab.layers.Layers.tiles(run.model()).get(0).device();
        Show.show(org.rramlab.energy.RunEnergy.tiles(run.model()));
        List<org.rramlab.energy.EnergyBreakdown> parts = new ArrayList<>();
        parts.add(run.energy());
        if (run.baseline() != null && run.baseline().reference() != null) {
            parts.add(org.rramlab.energy.RunEnergy.inference("baseline, this run", run.baseline().reference(), run.spec().network().inputBits()));
        }
        if (paperWorkload != null) parts.add(new org.rramlab.energy.AnalogEnergyModel(org.rramlab.energy.AnalogMacro.of(device)).inference(paperWorkload));
        Show.show(org.rramlab.energy.EnergyTables.breakdowns("inference energy per example", parts, org.rramlab.energy.EnergyUnit.NANOJOULE));
        return org.rramlab.energy.EnergyTables.programming("programming the arrays of this run", run.programming());
    }

    /**
     * The gain of a finished run over its baseline programmed at range-relative write noise {@code sigma}, in points
     * of {@code score} (e.g. "acc", "PR AUC"): the pruned network's best-test-epoch figure minus the sweep's at that
     * point; NaN when the sweep has no such point.
     */
    public static double gainAt(RunResult run, String score, double sigma) {
        if (run.baseline() == null) return Double.NaN;
        Table sweep = run.baseline().sweep();
        double mine = score.equals(run.training().score()) ? run.training().bestTestScore() : run.training().testScoreAt(run.training().bestTestEpoch(), score);
        for (int i = 0; i < sweep.rowCount(); i++) {
            if (sweep.stringColumn("noise").get(i).equals("range") && Math.abs(sweep.doubleColumn("sigma").getDouble(i) - sigma) < 1e-9) {
                return 100 * (mine - sweep.doubleColumn(score).getDouble(i));
            }
        }
        return Double.NaN;
    }

    /**
     * The check of a "Try it" cell: shows whether the reader's result behaves as expected, in one coloured line.
     * {@code expected} says what should happen, {@code got} what did (the figures).
     */
    public static void check(boolean ok, String expected, String got) {
        String line = (ok ? "✔ as expected: " : "✘ not as expected: ") + expected + " (" + got + ")";
        Show.html("<div style=\"padding:4px 8px;border-left:4px solid " + (ok ? "#009E73" : "#D55E00") + ";background:"
                + (ok ? "#eef8f3" : "#fbeee6") + "\">" + Tables.escape(line) + "</div>");
    }

    /**
     * The confusion matrix of a classification run's network on its test set (each test batch a fresh read of the
     * arrays), as a heat map of the share of each true class; class names from the task (Fashion-MNIST's, or digits).
     */
    public static org.knowm.xchart.HeatMapChart confusion(RunResult run) {
        boolean fashion = run.spec().task() instanceof org.rramlab.experiment.TaskSpec.FashionMnist;
        List<String> names = fashion ? org.rramlab.data.FashionMnist.CLASS_NAMES
                : java.util.stream.IntStream.range(0, 10).mapToObj(Integer::toString).toList();
        var m = org.rramlab.experiment.RunFigures.confusion(run, names.size());
        return org.rramlab.plot.Charts.confusion("confusion matrix, " + run.spec().preset() + " (" + Tables.percent(m.accuracy(), 1)
                + " correct)", names, m.counts());   // what a cell's % is of: the y axis says (a longer title was cut)
    }

    /** Training loss per epoch of each run (and the test loss where the objective reports one). */
    public static org.knowm.xchart.XYChart lossCurves(Map<String, org.rramlab.train.TrainResult> runs) {
        Map<String, org.rramlab.plot.Charts.XY> series = new LinkedHashMap<>();
        runs.forEach((name, r) -> {
            double[] epochs = r.metrics().intColumn("epoch").asDoubleArray();
            series.put(name + ", train", new org.rramlab.plot.Charts.XY(epochs, r.metrics().doubleColumn("train loss").asDoubleArray()));
            if (r.metrics().columnNames().contains("test loss")) {
                series.put(name + ", test", new org.rramlab.plot.Charts.XY(epochs, r.metrics().doubleColumn("test loss").asDoubleArray()));
            }
        });
        var chart = org.rramlab.plot.Charts.xy("loss per epoch", "epoch", "cross-entropy loss", series);
        markers(chart);
        return chart;
    }

    /**
     * Mask flips (SET + RESET pulses) per epoch of each pruned run (log scale when they span decades): what the flip
     * limit saves, epoch by epoch; the limit in force is in the runs' metrics tables.
     */
    public static org.knowm.xchart.XYChart flipsPerEpoch(Map<String, org.rramlab.train.TrainResult> runs) {
        Map<String, org.rramlab.plot.Charts.XY> series = new LinkedHashMap<>();
        runs.forEach((name, r) -> {
            double[] flips = r.metrics().doubleColumn("flips").asDoubleArray().clone();
            for (int i = 0; i < flips.length; i++) flips[i] = Math.max(flips[i], 1);   // log axis: 0 flips drawn at 1
            series.put(name + " (" + Numbers.count(r.totalFlips()) + " in all)", new org.rramlab.plot.Charts.XY(r.metrics().intColumn("epoch").asDoubleArray(), flips));
        });
        var chart = org.rramlab.plot.Charts.xy("mask flips per epoch", "epoch", "flips (SET + RESET pulses)", series);
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (var xy : series.values()) for (double v : xy.y()) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        chart.getStyler().setYAxisLogarithmic(hi / lo > 20);   // a log axis only where it spans decades (labelled by Charts.finish)
        markers(chart);
        return chart;
    }

    private static void markers(org.knowm.xchart.XYChart chart) {
        chart.getStyler().setMarkerSize(7);
        for (var s : chart.getSeriesMap().values()) s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
    }

    /**
     * The sensitivity rows of {@link org.rramlab.energy.Sensitivity} as a tornado chart: per parameter, the energy
     * reduction with it at its low and at its high end, widest swing on top, the nominal reduction as a line.
     */
    public static java.awt.image.BufferedImage tornado(String title, List<org.rramlab.energy.Sensitivity.Row> rows, double nominal) {
        List<String> names = rows.stream().map(r -> Numbers.units(r.parameter() + " (" + Numbers.sig(r.low()) + "–" + Numbers.sig(r.high()) + " " + r.unit() + ")")).toList();
        return org.rramlab.plot.Images.tornado(title, "energy reduction vs. the GPU (%)", names,
                rows.stream().mapToDouble(org.rramlab.energy.Sensitivity.Row::reductionAtLow).toArray(),
                rows.stream().mapToDouble(org.rramlab.energy.Sensitivity.Row::reductionAtHigh).toArray(), nominal);
    }

    /** The catalogue of the paper's claims, as a table. */
    public static Table claims() {
        StringColumn id = StringColumn.create("id"), task = StringColumn.create("task"), what = StringColumn.create("claim"),
                paper = StringColumn.create("paper"), source = StringColumn.create("source");
        List<PaperClaims.Claim> all = new ArrayList<>(PaperClaims.ALL);
        for (PaperClaims.Claim c : all) {
            id.append(c.id());
            task.append(c.task());
            what.append(c.description());
            paper.append(withUnit(c.paper(), c.unit()));
            source.append(c.source());
        }
        return Table.create("what the paper claims", id, task, what, paper, source);
    }

    // ------------------------------------------------------------------------------------------------ sweeps

    /**
     * Runs a sweep on one worker per core with a progress bar (cells done / total, time left); results in
     * {@code target/sweeps/<name>-<profile>-<hash>/}, where a rerun resumes (finished cells are not run again).
     */
    public static org.rramlab.sweep.SweepFolder sweep(org.rramlab.sweep.SweepSpec sweep) {
        return org.rramlab.sweep.LocalSweep.run(sweep);
    }

    /** The cells of a sweep: index, id and the values of its axes and seed. */
    public static Table sweepCells(org.rramlab.sweep.SweepSpec sweep) {
        return org.rramlab.sweep.SweepTables.cells(sweep);
    }

    /** Mean ± sd over the seeds of a recorded figure ("best", "final", "flips", ...) at every point of the axes. */
    public static Table sweepSummary(org.rramlab.sweep.SweepFolder results, String figure) {
        return org.rramlab.sweep.SweepTables.readable(org.rramlab.sweep.SweepTables.meanSd(results, figure), figure);
    }

    /** Mean ± sd (error bars) of {@code figure} over the axis {@code x}, one line per value of {@code series} (or null). */
    public static org.knowm.xchart.XYChart sweepChart(org.rramlab.sweep.SweepFolder results, String figure, String x, String series) {
        return org.rramlab.sweep.SweepTables.chart(results, figure, x, series);
    }

    // --- memory technologies and time (notebook 08) ----------------------------------------------------------------

    /** The memory technologies of the cross-technology study and the source of every parameter. */
    public static Table technologies() {
        return org.rramlab.study.TechnologyStudy.sources(org.rramlab.device.Technologies.all());
    }

    /**
     * One technology's cell conductances as a histogram: random states of its cheap step, SET, RESET, write-verified
     * states, and SET and write-verified states {@code seconds} after programming.
     */
    public static org.knowm.xchart.XYChart technologyDistributions(String technology, double seconds) {
        return org.rramlab.study.TechnologyStudy.distributionChart(org.rramlab.device.Technologies.get(technology), 20_000, seconds, 1);
    }

    /**
     * The cross-technology study on preset {@code preset} (a device preset, e.g. "fashion-mlp"): its network trained once
     * with weights (the baseline), then, for every technology, pruned on a formed macro of it (a run of the preset with
     * {@code weights.device} set to the technology) and the trained weights programmed onto it by write-verify with its
     * residual error; each evaluated at {@code times} after programming, drift compensation off and on. Runs go to
     * {@code target/runs/}.
     */
    public static org.rramlab.study.TechnologyStudy.Result technologyStudy(String preset, List<String> technologies, double[] times) {
        return technologyStudy(preset(preset), technologies, times);
    }

    /** {@link #technologyStudy(String, List, double[])} on a spec (e.g. a preset with fewer examples or epochs). */
    public static org.rramlab.study.TechnologyStudy.Result technologyStudy(ExperimentSpec pruned, List<String> technologies, double[] times) {
        return technologyStudy(pruned, times, technologies.stream().map(org.rramlab.device.Technologies::get)
                .toArray(org.rramlab.device.Technology[]::new));
    }

    /** The study on any technologies, e.g. one made from measured data ({@link org.rramlab.device.DeviceData#load}). */
    public static org.rramlab.study.TechnologyStudy.Result technologyStudy(ExperimentSpec pruned, double[] times,
                                                                           org.rramlab.device.Technology... technologies) {
        org.rramlab.study.TechnologyStudy.checkTimes(times);
        ExperimentSpec spec = pruned.withoutBaseline();
        if (!(spec.weights() instanceof org.rramlab.experiment.WeightsSpec.Device)) {
            throw new IllegalArgumentException("spec " + spec.preset() + ": expected weights pruned on a device macro (weights.kind = device)");
        }
        List<org.rramlab.device.Technology> techs = List.of(technologies);
        RunResult trained = spec.withWeights(new org.rramlab.experiment.WeightsSpec.Trained()).run();
        var networks = new org.rramlab.study.TechnologyStudy.Networks() {
            @Override public org.rramlab.layers.Layer pruned(org.rramlab.device.Technology t) {
                return spec.withDevice(t.model()).run().model();   // = spec.with("weights.device", key) for a preset
            }

            @Override public org.rramlab.layers.Layer programmed(org.rramlab.device.Technology t) {
                return org.rramlab.experiment.Experiment.programmed(spec, trained.model(), t.model(), t.programmingResidual(), spec.seeds().baseline(0));
            }
        };
        return org.rramlab.study.TechnologyStudy.run(techs, networks, times, trained.data().test(), spec.training().batchSize(),
                spec.network().inputBits(), Progress.display());
    }
}
