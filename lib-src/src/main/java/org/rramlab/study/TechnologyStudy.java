package org.rramlab.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.XYChart;
import org.rramlab.crossbar.AnalogTile;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.Drift;
import org.rramlab.device.Technology;
import org.rramlab.device.WriteVerify;
import org.rramlab.energy.EnergyBreakdown;
import org.rramlab.energy.ProgrammingCost;
import org.rramlab.energy.RunEnergy;
import org.rramlab.layers.Layer;
import org.rramlab.layers.Layers;
import org.rramlab.plot.Charts;
import org.rramlab.train.Examples;
import org.rramlab.train.Progress;
import org.rramlab.train.Trainer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The co-design across memory technologies and time: for each {@link Technology}, the network pruned on its random
 * cells and the same network's trained weights programmed onto it by write-verify, each evaluated at times after
 * programming (every cell drifting from its own state), without and with global drift compensation; what programming
 * cost (pulses, energy) and what one inference costs. The networks are built and trained by the caller
 * ({@link Networks}: the experiment runner), so this class only measures.
 */
public final class TechnologyStudy {
    private TechnologyStudy() {}

    /** 1 s, 1 min, 1 h, 1 day, 1 month (30 days), 1 year (365 days), seconds after programming. */
    public static final double[] TIMES = {1, 60, 3_600, 86_400, 30 * 86_400.0, 365 * 86_400.0};

    /** The two networks of one technology. */
    public interface Networks {
        /** The network pruned (and trained) on a formed macro of {@code t}. */
        Layer pruned(Technology t);

        /** The weight-trained network programmed by write-verify onto a fresh macro of {@code t}, with its residual error. */
        Layer programmed(Technology t);
    }

    /**
     * What the study measured.
     *
     * @param accuracy   technology, weights (pruned / programmed), seconds, time (label), compensation, test acc %
     * @param costs      technology, weights, programming pulses, programming energy (uJ), inference energy (nJ / example)
     * @param comparison one row per technology and weights: accuracy at the first and last time with and without
     *                   compensation, programming pulses and energy, inference energy
     */
    public record Result(Table accuracy, Table costs, Table comparison) {}

    /** Checks a time axis: finite, >= 0, strictly increasing; an error names the index and the values. */
    public static double[] checkTimes(double[] seconds) {
        if (seconds == null || seconds.length == 0) throw new IllegalArgumentException("times: expected at least one time after programming (s)");
        for (int i = 0; i < seconds.length; i++) {
            if (!(seconds[i] >= 0) || Double.isInfinite(seconds[i])) {
                throw new IllegalArgumentException("times[" + i + "] = " + seconds[i] + " s: expected a finite time after programming >= 0 s");
            }
            if (i > 0 && !(seconds[i] > seconds[i - 1])) {
                throw new IllegalArgumentException("times[" + i + "] = " + seconds[i] + " s: expected > times[" + (i - 1) + "] = "
                        + seconds[i - 1] + " s (a time axis in increasing order)");
            }
        }
        return seconds.clone();
    }

    /** A time as people say it: 1 s, 1 min, 1 h, 1 day, 30 days, 1 year. */
    public static String label(double seconds) {
        if (seconds >= 365 * 86_400.0) return trim(seconds / (365 * 86_400.0)) + (seconds == 365 * 86_400.0 ? " year" : " years");
        if (seconds >= 86_400) return trim(seconds / 86_400) + (seconds == 86_400 ? " day" : " days");
        if (seconds >= 3_600) return trim(seconds / 3_600) + " h";
        if (seconds >= 60) return trim(seconds / 60) + " min";
        return trim(seconds) + " s";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    /** Runs the study: every technology's two networks at every time, compensation off and on, then the costs. */
    public static Result run(List<Technology> technologies, Networks networks, double[] times, Examples test, int batch, int inputBits,
                             Progress progress) {
        if (technologies == null || technologies.isEmpty()) throw new IllegalArgumentException("technologies: expected at least one");
        double[] t = checkTimes(times);
        Map<String, Layer> models = new LinkedHashMap<>();
        Map<String, Technology> techOf = new LinkedHashMap<>();
        for (Technology tech : technologies) {
            models.put(tech.key() + "|pruned", networks.pruned(tech));
            models.put(tech.key() + "|programmed", networks.programmed(tech));
            techOf.put(tech.key() + "|pruned", tech);
            techOf.put(tech.key() + "|programmed", tech);
        }
        Table accuracy = accuracyVsTime(models, techOf, t, test, batch, progress);
        Table costs = costs(models, techOf, inputBits);
        return new Result(accuracy, costs, comparison(accuracy, costs, t));
    }

    /**
     * Test accuracy of each model (key "technology|weights") at each time after programming, compensation off and on;
     * every model is put back at t = 0, compensation off.
     */
    public static Table accuracyVsTime(Map<String, Layer> models, Map<String, Technology> techOf, double[] times, Examples test, int batch,
                                       Progress progress) {
        double[] t = checkTimes(times);
        StringColumn tech = StringColumn.create("technology"), weights = StringColumn.create("weights"), time = StringColumn.create("time"),
                comp = StringColumn.create("compensation");
        DoubleColumn secs = DoubleColumn.create("seconds"), acc = DoubleColumn.create("test acc %"), scale = DoubleColumn.create("output scale");
        progress.start("accuracy vs time after programming", (long) models.size() * t.length * 2);
        int done = 0;
        for (var m : models.entrySet()) {
            String[] key = m.getKey().split("\\|");
            List<AnalogTile> tiles = Layers.tiles(m.getValue());
            for (double s : t) {
                Layers.setSecondsSinceProgramming(m.getValue(), s);
                for (boolean on : new boolean[]{false, true}) {
                    for (AnalogTile tile : tiles) tile.setDriftCompensation(on);
                    double a = Trainer.evaluate(m.getValue(), test, batch)[1];
                    tech.append(techOf.get(m.getKey()).name());
                    weights.append(key[1]);
                    secs.append(s);
                    time.append(label(s));
                    comp.append(on ? "on" : "off");
                    acc.append(Math.round(1e4 * a) / 100.0);
                    scale.append(tiles.isEmpty() ? 1 : significant(tiles.get(0).compensationScale()));
                    progress.advance(++done, String.format(Locale.ROOT, "%s %s, %s, compensation %s: %.2f %%", techOf.get(m.getKey()).name(), key[1],
                            label(s), on ? "on" : "off", 100 * a));
                }
            }
            for (AnalogTile tile : tiles) tile.setDriftCompensation(false);
            Layers.setSecondsSinceProgramming(m.getValue(), 0);
        }
        progress.finish(done + " evaluations");
        return Table.create("test accuracy vs time after programming", tech, weights, secs, time, comp, acc, scale);
    }

    /** Programming pulses and energy of each model's tiles (forming included), and its inference energy per example. */
    public static Table costs(Map<String, Layer> models, Map<String, Technology> techOf, int inputBits) {
        StringColumn tech = StringColumn.create("technology"), weights = StringColumn.create("weights");
        DoubleColumn pulses = DoubleColumn.create("programming pulses"), energy = DoubleColumn.create("programming energy (uJ)"),
                inference = DoubleColumn.create("inference energy (nJ / example)");
        for (var m : models.entrySet()) {
            String[] key = m.getKey().split("\\|");
            double p = 0, j = 0;
            for (ProgrammingCost c : RunEnergy.programming(key[1], m.getValue())) {
                p += c.pulses();
                j += c.joules();
            }
            EnergyBreakdown e = RunEnergy.inference(key[1], m.getValue(), inputBits);
            tech.append(techOf.get(m.getKey()).name());
            weights.append(key[1]);
            pulses.append(p);
            energy.append(significant(j * 1e6));
            inference.append(significant(e.total() * 1e9));
        }
        return Table.create("programming and inference cost per technology", tech, weights, pulses, energy, inference);
    }

    /** The distinct values of a column in the order they first appear (the study's order of technologies). */
    static List<String> inOrder(Table t, String column) {
        return List.copyOf(new java.util.LinkedHashSet<>(t.stringColumn(column).asList()));
    }

    /** {@code v} to 4 significant digits (tables people read). */
    static double significant(double v) {
        return v == 0 || !Double.isFinite(v) ? v : new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
    }

    /** One row per technology and weights: first and last time, compensation off and on, with the costs. */
    static Table comparison(Table accuracy, Table costs, double[] times) {
        double first = times[0], last = times[times.length - 1];
        StringColumn tech = StringColumn.create("technology"), weights = StringColumn.create("weights");
        DoubleColumn a0 = DoubleColumn.create("acc % at " + label(first)), a1 = DoubleColumn.create("acc % at " + label(last)),
                a1c = DoubleColumn.create("acc % at " + label(last) + ", compensated");
        for (int r = 0; r < costs.rowCount(); r++) {
            String t = costs.stringColumn("technology").get(r), w = costs.stringColumn("weights").get(r);
            tech.append(t);
            weights.append(w);
            a0.append(find(accuracy, t, w, first, "off"));
            a1.append(find(accuracy, t, w, last, "off"));
            a1c.append(find(accuracy, t, w, last, "on"));
        }
        Table out = Table.create("technologies: pruned random vs programmed, over time and cost", tech, weights, a0, a1, a1c);
        out.addColumns(costs.doubleColumn("programming pulses").copy(), costs.doubleColumn("programming energy (uJ)").copy(),
                costs.doubleColumn("inference energy (nJ / example)").copy());
        return out;
    }

    private static double find(Table accuracy, String tech, String weights, double seconds, String comp) {
        for (int r = 0; r < accuracy.rowCount(); r++) {
            if (accuracy.stringColumn("technology").get(r).equals(tech) && accuracy.stringColumn("weights").get(r).equals(weights)
                    && accuracy.doubleColumn("seconds").getDouble(r) == seconds && accuracy.stringColumn("compensation").get(r).equals(comp)) {
                return accuracy.doubleColumn("test acc %").getDouble(r);
            }
        }
        return Double.NaN;
    }

    /** Accuracy vs time after programming, log time axis: one line per technology and weights, compensation {@code comp}. */
    public static XYChart accuracyChart(Table accuracy, String comp) {
        Map<String, Charts.XY> series = new LinkedHashMap<>();
        for (String tech : inOrder(accuracy, "technology")) {
            for (String w : inOrder(accuracy, "weights")) {
                Table s = accuracy.where(accuracy.stringColumn("technology").isEqualTo(tech).and(accuracy.stringColumn("weights").isEqualTo(w))
                        .and(accuracy.stringColumn("compensation").isEqualTo(comp))).sortAscendingOn("seconds");
                if (s.rowCount() == 0) continue;
                series.put(tech + ", " + w, new Charts.XY(s.doubleColumn("seconds").asDoubleArray(), s.doubleColumn("test acc %").asDoubleArray()));
            }
        }
        XYChart chart = Charts.xy("accuracy vs time, drift compensation " + comp, "seconds after programming (log)",
                "test accuracy (%)", series);
        chart.getStyler().setXAxisLogarithmic(true);
        java.awt.Color[] palette = chart.getStyler().getSeriesColors();
        List<String> techs = inOrder(accuracy, "technology");
        for (var e : chart.getSeriesMap().entrySet()) {
            String tech = e.getKey().substring(0, e.getKey().lastIndexOf(", "));
            e.getValue().setLineColor(palette[techs.indexOf(tech) % palette.length]);   // one colour per technology
            e.getValue().setMarkerColor(palette[techs.indexOf(tech) % palette.length]);
            e.getValue().setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
            if (e.getKey().endsWith("programmed")) e.getValue().setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
        }
        return chart;
    }

    /**
     * The conductances of one technology's cells: the random states of its cheap step, SET and RESET (the two states
     * pruning uses), write-verified states (uniform targets, the residual error), and the last two after
     * {@code seconds} of drift. {@code cells} draws each, seeded.
     */
    public static Map<String, double[]> distributions(Technology t, int cells, double seconds, long seed) {
        if (cells < 1) throw new IllegalArgumentException("cells = " + cells + ": expected >= 1");
        DeviceModel m = t.model();
        Drift d = m.drift();
        WriteVerify wv = m.writeVerify();
        SplittableRandom r = new SplittableRandom(seed);
        double[] random = new double[cells], set = new double[cells], reset = new double[cells], programmed = new double[cells],
                setLater = new double[cells], programmedLater = new double[cells];
        for (int i = 0; i < cells; i++) {
            random[i] = m.formCell(r);
            set[i] = m.switching().setState().sample(r);
            reset[i] = m.switching().resetState().sample(r);
            double target = wv.gMinUs() + wv.rangeUs() * r.nextDouble();
            programmed[i] = Math.max(0, target + t.programmingResidual().sigmaUs(target, wv.rangeUs()) * r.nextGaussian());
            setLater[i] = d.conductance(set[i], seconds, r.nextGaussian(), r.nextGaussian());
            programmedLater[i] = d.conductance(programmed[i], seconds, r.nextGaussian(), r.nextGaussian());
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("random (cheap step)", random);
        out.put("SET", set);
        out.put("RESET", reset);
        out.put("write-verified", programmed);
        out.put("SET after " + label(seconds), setLater);
        out.put("write-verified after " + label(seconds), programmedLater);
        return out;
    }

    /**
     * {@link #distributions} as a histogram of log10 G (conductances span decades: a RESET or off state sits 2 to 4
     * decades below SET); G below 1e-4 uS is counted at 1e-4 uS.
     */
    public static XYChart distributionChart(Technology t, int cells, double seconds, long seed) {
        Map<String, double[]> logs = new LinkedHashMap<>();
        for (var e : distributions(t, cells, seconds, seed).entrySet()) {
            double[] v = e.getValue().clone();
            for (int i = 0; i < v.length; i++) v[i] = Math.log10(Math.max(1e-4, v[i]));
            logs.put(e.getKey(), v);
        }
        XYChart chart = Charts.histogram(t.name() + ": " + String.format(java.util.Locale.ROOT, "%,d", cells) + " cells per state", "log10 conductance (uS)", logs, 80);
        chart.getStyler().setXAxisDecimalPattern("0.0");
        return chart;
    }

    /**
     * The drift law per technology and state, for the median cell (both draws 0): conductance at each time after
     * programming as a fraction of its value at t0, for the SET state, the RESET state and a mid-window programmed state.
     */
    public static Table driftTable(List<Technology> technologies, double[] times) {
        double[] t = checkTimes(times);
        StringColumn tech = StringColumn.create("technology"), state = StringColumn.create("state");
        DoubleColumn g0 = DoubleColumn.create("G at t0 (uS)");
        List<DoubleColumn> at = new java.util.ArrayList<>();
        for (double s : t) at.add(DoubleColumn.create("G / G(t0) at " + label(s)));
        for (Technology tk : technologies) {
            DeviceModel m = tk.model();
            double[] states = {m.switching().setState().drawMeanUs(), m.switching().resetState().drawMeanUs(),
                    m.writeVerify().gMinUs() + m.writeVerify().rangeUs() / 2};
            String[] names = {"SET", "RESET", "programmed mid-window"};
            for (int k = 0; k < states.length; k++) {
                tech.append(tk.name());
                state.append(names[k]);
                g0.append(Math.round(1e4 * states[k]) / 1e4);
                for (int i = 0; i < t.length; i++) {
                    double g = m.drift().conductance(states[k], t[i], 0, 0);
                    at.get(i).append(states[k] == 0 ? 1 : Math.round(1e4 * g / states[k]) / 1e4);
                }
            }
        }
        Table out = Table.create("drift of the median cell: G(t) / G(t0)", tech, state, g0);
        at.forEach(out::addColumns);
        return out;
    }

    /** Every technology's parameters with their sources: technology, parameter, value, source. */
    public static Table sources(List<Technology> technologies) {
        StringColumn tech = StringColumn.create("technology"), p = StringColumn.create("parameter"), v = StringColumn.create("value"),
                s = StringColumn.create("source");
        for (Technology t : technologies) {
            for (Technology.Sourced e : t.sources()) {
                tech.append(t.name());
                p.append(e.parameter());
                v.append(e.value());
                s.append(e.source());
            }
        }
        return Table.create("memory technologies: every parameter and its source", tech, p, v, s);
    }

    /** Per technology: the time the pruned and the programmed network hold their 1 s accuracy within {@code points}. */
    public static Table robustness(Table accuracy, double points, String comp) {
        StringColumn tech = StringColumn.create("technology"), w = StringColumn.create("weights"), held = StringColumn.create("holds to");
        DoubleColumn loss = DoubleColumn.create("accuracy lost by the last time (points)");
        for (String t : inOrder(accuracy, "technology")) {
            for (String weights : inOrder(accuracy, "weights")) {
                Table s = accuracy.where(accuracy.stringColumn("technology").isEqualTo(t).and(accuracy.stringColumn("weights").isEqualTo(weights))
                        .and(accuracy.stringColumn("compensation").isEqualTo(comp))).sortAscendingOn("seconds");
                if (s.rowCount() == 0) continue;
                double start = s.doubleColumn("test acc %").getDouble(0);
                String holds = "-";
                for (int r = 0; r < s.rowCount(); r++) {
                    if (start - s.doubleColumn("test acc %").getDouble(r) <= points) holds = s.stringColumn("time").get(r);
                    else break;
                }
                tech.append(t);
                w.append(weights);
                held.append(holds);
                loss.append(Math.round(100 * (start - s.doubleColumn("test acc %").getDouble(s.rowCount() - 1))) / 100.0);
            }
        }
        return Table.create("robustness to drift (compensation " + comp + ", within " + org.rramlab.plot.Numbers.sig(points) + " points of the first time)", tech, w, held, loss);
    }
}
