package org.rramlab.device;

import org.rramlab.util.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Measured data of a memory technology, as a CSV that becomes a {@link Technology} ("bring your own device"). One read
 * per line, columns {@code state,cell,target_us,t_s,g_us}; lines starting with {@code #} are comments:
 * <ul>
 *   <li>{@code state}: {@code random} (cells after the cheap stochastic step: forming, a partial SET, one program
 *       pulse), {@code set}, {@code reset} (the two states pruning switches between), or {@code programmed}
 *       (write-verified to {@code target_us});</li>
 *   <li>{@code cell}: the cell's number within its state (a whole number >= 0);</li>
 *   <li>{@code target_us}: the write-verify target of a programmed cell, uS (empty for the other states);</li>
 *   <li>{@code t_s}: seconds after programming when the read was taken (>= 0);</li>
 *   <li>{@code g_us}: the conductance read, uS (>= 0).</li>
 * </ul>
 * Several reads of a cell at the same time give the read noise; programmed cells read at several times give the
 * drift. Every programmed cell must be read at the same times, and a cell's reads must come in time order.
 *
 * <p>What the file sets: the random states (each cell's mean read at its first time), the SET and RESET states (the
 * same), read noise (a fit of the spread of repeated reads, {@link ConductanceTable#readNoise()}), the programming
 * residual (programmed reads at the first time minus their targets, read noise removed) and drift: each programmed
 * cell's exponent from its reads, {@code ln(G(t) / G(t0)) = -nu ln(t / t0)} (least squares), and the exponents' mean
 * and spread in conductance bins. A relaxation that is additive rather than a power law shows as small exponents with
 * a spread; the power law is all the loader fits. The rest (pulses, the write-verify loop, forming pulse) comes from a
 * base technology.
 */
public final class DeviceData {
    private DeviceData() {}

    /** The header line of the layout. */
    public static final String HEADER = "state,cell,target_us,t_s,g_us";
    private static final List<String> STATES = List.of("random", "set", "reset", "programmed");

    /**
     * {@code DeviceData <technology> <out.csv> [cells reads seed]}: writes an example file from a technology's model
     * (the file in {@code data/devices/} was made with {@code DeviceData pcm-gst data/devices/pcm-gst-example.csv 150 2 1}),
     * read at 20 s, 1 min, 1 h and 1 day.
     */
    public static void main(String[] args) {
        if (args.length != 2 && args.length != 5) {
            throw new IllegalArgumentException("arguments " + List.of(args) + ": expected <technology> <out.csv> [cells reads seed]");
        }
        Technology t = Technologies.get(args[0]);
        int cells = args.length == 5 ? Integer.parseInt(args[2]) : 150, reads = args.length == 5 ? Integer.parseInt(args[3]) : 2;
        long seed = args.length == 5 ? Long.parseLong(args[4]) : 1;
        Path out = writeExample(t, Path.of(args[1]), cells, reads, new double[]{Math.max(20, t.model().drift().t0Seconds()), 60, 3_600, 86_400}, seed);
        System.out.println("wrote " + out + " (" + t.name() + ", " + cells + " cells per state, " + reads + " reads each)");
    }

    /**
     * Writes an example file from the model of {@code t} (atomically): {@code cells} cells of each state, each read
     * {@code reads} times; programmed cells (uniform targets in the write-verify window, the technology's residual
     * error) read at each of {@code times} (seconds, increasing, the first one at or after t0), drifting by the model.
     */
    public static Path writeExample(Technology t, Path csv, int cells, int reads, double[] times, long seed) {
        if (cells < 2 || reads < 1) throw new IllegalArgumentException("cells = " + cells + ", reads = " + reads + ": expected >= 2 cells and >= 1 read");
        checkTimes(times, csv.toString());
        DeviceModel m = t.model();
        Drift d = m.drift();
        ReadNoise noise = m.readNoise();
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder();
        b.append("# rramlab measured-device layout v1 (docs/memory-technologies.md): one read per line\n");
        b.append("# made from the model of ").append(t.name()).append(" (preset '").append(t.key()).append("'), seed ").append(seed)
                .append(": an example, not a measurement\n");
        b.append("# conductance in uS, time in s after programming\n").append(HEADER).append('\n');
        double first = times[0];
        for (String state : List.of("random", "set", "reset")) {
            for (int c = 0; c < cells; c++) {
                double g = switch (state) {
                    case "random" -> m.formCell(r);
                    case "set" -> m.switching().setState().sample(r);
                    default -> m.switching().resetState().sample(r);
                };
                for (int k = 0; k < reads; k++) line(b, state, c, Double.NaN, first, Math.max(0, g + noise.sigmaUs(g) * r.nextGaussian()));
            }
        }
        WriteVerify wv = m.writeVerify();
        for (int c = 0; c < cells; c++) {
            double target = wv.gMinUs() + wv.rangeUs() * r.nextDouble();
            double g0 = Math.max(0, target + t.programmingResidual().sigmaUs(target, wv.rangeUs()) * r.nextGaussian());
            double y = r.nextGaussian(), z = r.nextGaussian();
            for (double s : times) {
                double g = d.conductance(g0, s, y, z);
                double sd = noise.sigmaUs(g) * d.readNoiseGrowth(s);
                for (int k = 0; k < reads; k++) line(b, "programmed", c, target, s, Math.max(0, g + sd * r.nextGaussian()));
            }
        }
        try {
            return AtomicFiles.writeString(csv, b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv, e);
        }
    }

    private static void line(StringBuilder b, String state, int cell, double target, double t, double g) {
        b.append(state).append(',').append(cell).append(',').append(Double.isNaN(target) ? "" : String.format(Locale.ROOT, "%.4f", target))
                .append(',').append(String.format(Locale.ROOT, "%.6g", t)).append(',').append(String.format(Locale.ROOT, "%.5f", g)).append('\n');
    }

    private static void checkTimes(double[] times, String where) {
        if (times == null || times.length == 0) throw new IllegalArgumentException(where + ": times: expected at least one time");
        for (int i = 0; i < times.length; i++) {
            if (!(times[i] >= 0) || Double.isInfinite(times[i])) {
                throw new IllegalArgumentException(where + ": times[" + i + "] = " + times[i] + " s: expected a finite time >= 0 s");
            }
            if (i > 0 && !(times[i] > times[i - 1])) {
                throw new IllegalArgumentException(where + ": times[" + i + "] = " + times[i] + " s: expected > times[" + (i - 1) + "] = "
                        + times[i - 1] + " s (increasing)");
            }
        }
    }

    /** One cell's reads: time -> the reads at that time, in file order; and the target. */
    private static final class Cell {
        final TreeMap<Double, List<Double>> reads = new TreeMap<>();
        double target = Double.NaN;
        double lastTime = Double.NEGATIVE_INFINITY;
        int firstLine;
    }

    /** Reads a measured file and makes a technology of it, the rest taken from {@code base}. */
    public static Technology load(Path csv, Technology base) {
        try {
            return parse(csv.toString(), Files.readAllLines(csv), base);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read measured device data " + csv + ": " + e.getMessage(), e);
        }
    }

    /** Parses the lines of a measured file ({@code source} names it in errors). */
    public static Technology parse(String source, List<String> lines, Technology base) {
        Map<String, Map<Integer, Cell>> byState = new LinkedHashMap<>();
        for (String s : STATES) byState.put(s, new TreeMap<>());
        boolean header = false;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            int no = n + 1;
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split("\\s*,\\s*", -1);
            if (!header) {
                if (!String.join(",", f).toLowerCase(Locale.ROOT).equals(HEADER)) {
                    throw new IllegalArgumentException(source + " line " + no + ": header '" + line + "', expected '" + HEADER + "'");
                }
                header = true;
                continue;
            }
            if (f.length != 5) {
                throw new IllegalArgumentException(source + " line " + no + ": " + f.length + " fields, expected 5 (" + HEADER + ")");
            }
            String state = f[0].toLowerCase(Locale.ROOT);
            if (!STATES.contains(state)) {
                throw new IllegalArgumentException(source + " line " + no + " column state: '" + f[0] + "', expected one of " + STATES);
            }
            int cell;
            try {
                cell = Integer.parseInt(f[1]);
            } catch (NumberFormatException e) {
                cell = -1;
            }
            if (cell < 0) throw new IllegalArgumentException(source + " line " + no + " column cell: '" + f[1] + "', expected a whole number >= 0");
            double target = Double.NaN;
            if (state.equals("programmed")) {
                target = number(f[2], source, no, "target_us");
            } else if (!f[2].isEmpty()) {
                throw new IllegalArgumentException(source + " line " + no + " column target_us: '" + f[2] + "' for a " + state
                        + " cell, expected empty (only programmed cells have a target)");
            }
            double t = number(f[3], source, no, "t_s");
            double g = number(f[4], source, no, "g_us");
            Cell c = byState.get(state).computeIfAbsent(cell, k -> new Cell());
            if (c.reads.isEmpty()) c.firstLine = no;
            if (t < c.lastTime) {
                throw new IllegalArgumentException(source + " line " + no + " column t_s: " + f[3] + " s after " + c.lastTime + " s for " + state
                        + " cell " + cell + ": reads out of time order");
            }
            if (!Double.isNaN(target)) {
                if (!Double.isNaN(c.target) && c.target != target) {
                    throw new IllegalArgumentException(source + " line " + no + " column target_us: " + target + " uS, but programmed cell " + cell
                            + " had target " + c.target + " uS (line " + c.firstLine + ")");
                }
                c.target = target;
            }
            c.lastTime = t;
            c.reads.computeIfAbsent(t, k -> new ArrayList<>()).add(g);
        }
        if (!header) throw new IllegalArgumentException(source + ": no header line, expected '" + HEADER + "'");
        for (String required : List.of("random", "set", "reset")) {
            if (byState.get(required).size() < 2) {
                throw new IllegalArgumentException(source + ": " + byState.get(required).size() + " '" + required + "' cells, expected >= 2 "
                        + "(a technology needs its random, set and reset states)");
            }
        }
        return build(source, byState, base);
    }

    private static double number(String v, String source, int line, String column) {
        double x;
        try {
            x = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " line " + line + " column " + column + ": '" + v + "' is not a number");
        }
        if (!(x >= 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException(source + " line " + line + " column " + column + ": " + v + ", expected a finite number >= 0");
        }
        return x;
    }

    private static Technology build(String source, Map<String, Map<Integer, Cell>> byState, Technology base) {
        double[] random = firstMeans(byState.get("random")), set = firstMeans(byState.get("set")), reset = firstMeans(byState.get("reset"));
        List<double[]> repeated = new ArrayList<>();
        for (Map<Integer, Cell> cells : byState.values()) {
            for (Cell c : cells.values()) {
                List<Double> first = c.reads.firstEntry().getValue();
                if (first.size() > 1) repeated.add(first.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        ReadNoise noise = repeated.isEmpty() ? base.model().readNoise() : ConductanceTable.ofReads(source, repeated.toArray(double[][]::new)).readNoise();
        DeviceModel m = base.model();
        Map<Integer, Cell> programmed = byState.get("programmed");
        WriteNoise residual = base.programmingResidual();
        Drift drift = m.drift();
        String residualSource = "from " + base.key() + " (no programmed cells in the file)", driftSource = residualSource;
        if (!programmed.isEmpty()) {
            double[] axis = checkSameTimes(source, programmed);
            residual = residual(programmed, noise, m.writeVerify().rangeUs());
            residualSource = "measured: " + programmed.size() + " programmed cells at t = " + number(axis[0]) + " s";
            if (axis.length > 1) {
                drift = fitDrift(programmed, axis, m.drift().readNoiseTReadSeconds());
                driftSource = "measured: power law fitted to " + programmed.size() + " cells read at "
                        + String.join(", ", Arrays.stream(axis).mapToObj(DeviceData::number).toList()) + " s";
            } else {
                driftSource = "from " + base.key() + " (programmed cells read at one time only)";
            }
        }
        Forming f = new Forming(new Empirical(random), 1.0, m.forming().pristine(), m.forming().reference(), m.forming().voltageScaleV(),
                m.forming().meanSensitivity());
        DeviceModel model = new DeviceModel(base.name() + " (measured)", f, new Switching(new Empirical(set), new Empirical(reset),
                m.switching().reinstate()), noise, m.writeVerify(), drift, m.pulses());
        String file = "measured: " + source;
        List<Technology.Sourced> sources = List.of(
                new Technology.Sourced("random step", random.length + " cells, mean " + round(mean(random)) + " uS", file),
                new Technology.Sourced("formed fraction", "100 % (every listed cell)", file),
                new Technology.Sourced("SET state", set.length + " cells, mean " + round(mean(set)) + " uS", file),
                new Technology.Sourced("RESET state", reset.length + " cells, mean " + round(mean(reset)) + " uS", file),
                new Technology.Sourced("read noise", round(100 * noise.relative()) + " % of G + " + round(noise.additiveUs()) + " uS", repeated.isEmpty() ? "from " + base.key() + " (no repeated reads)" : file),
                new Technology.Sourced("write-verify", "as " + base.key(), base.source("write-verify").source()),
                new Technology.Sourced("programming residual", residual.describe(), residualSource),
                new Technology.Sourced("drift", drift.isNone() ? "none" : "t0 = " + number(drift.t0Seconds()) + " s, nu " + curve(drift.nu()), driftSource),
                new Technology.Sourced("pulses", "as " + base.key(), base.source("pulses").source()));
        return new Technology(base.key() + "-measured", model, residual, base.randomStep(), sources);
    }

    private static double[] firstMeans(Map<Integer, Cell> cells) {
        double[] m = new double[cells.size()];
        int i = 0;
        for (Cell c : cells.values()) m[i++] = mean(c.reads.firstEntry().getValue());
        return m;
    }

    /** Every programmed cell must be read at the same times: the time axis. */
    private static double[] checkSameTimes(String source, Map<Integer, Cell> programmed) {
        Map.Entry<Integer, Cell> first = programmed.entrySet().iterator().next();
        var axis = first.getValue().reads.keySet();
        for (var e : programmed.entrySet()) {
            if (!e.getValue().reads.keySet().equals(axis)) {
                throw new IllegalArgumentException(source + " line " + e.getValue().firstLine + ": programmed cell " + e.getKey() + " is read at "
                        + e.getValue().reads.keySet() + " s, but cell " + first.getKey() + " (line " + first.getValue().firstLine + ") at " + axis
                        + " s: every programmed cell must be read at the same times");
            }
        }
        return axis.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static WriteNoise residual(Map<Integer, Cell> programmed, ReadNoise noise, double rangeUs) {
        double var = 0, readVar = 0;
        for (Cell c : programmed.values()) {
            List<Double> first = c.reads.firstEntry().getValue();
            double m = mean(first);
            var += (m - c.target) * (m - c.target);
            double s = noise.sigmaUs(m);
            readVar += s * s / first.size();
        }
        double sigma = Math.sqrt(Math.max(0, (var - readVar) / programmed.size()));
        return WriteNoise.range(Math.round(1e4 * sigma / rangeUs) / 1e4);
    }

    /** Each cell's exponent (least squares through the origin in log-log), then mean and spread in conductance bins. */
    private static Drift fitDrift(Map<Integer, Cell> programmed, double[] axis, double tRead) {
        double t0 = axis[0];
        int n = programmed.size();
        double[] g0 = new double[n], nu = new double[n];
        int i = 0;
        for (Cell c : programmed.values()) {
            double base = mean(c.reads.get(t0));
            double sxy = 0, sxx = 0;
            for (int k = 1; k < axis.length; k++) {
                double x = Math.log(axis[k] / t0), y = Math.log(Math.max(1e-9, mean(c.reads.get(axis[k]))) / Math.max(1e-9, base));
                sxy += x * y;
                sxx += x * x;
            }
            g0[i] = base;
            nu[i++] = -sxy / sxx;
        }
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) order[k] = k;
        Arrays.sort(order, (a, b) -> Double.compare(g0[a], g0[b]));
        int bins = Math.max(1, Math.min(6, n / 30));
        List<Double> gs = new ArrayList<>(), means = new ArrayList<>(), sds = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            int from = b * n / bins, to = (b + 1) * n / bins;
            double sg = 0, sn = 0, sn2 = 0;
            for (int k = from; k < to; k++) {
                sg += g0[order[k]];
                sn += nu[order[k]];
                sn2 += nu[order[k]] * nu[order[k]];
            }
            int cnt = to - from;
            double g = sg / cnt;
            if (!gs.isEmpty() && !(g > gs.get(gs.size() - 1))) continue;
            double mu = sn / cnt;
            gs.add(g);
            means.add(Math.max(0, mu));
            sds.add(Math.sqrt(Math.max(0, sn2 / cnt - mu * mu)));
        }
        double[] g = gs.stream().mapToDouble(Double::doubleValue).toArray();
        return new Drift(t0, new ConductanceCurve(g, means.stream().mapToDouble(Double::doubleValue).toArray()),
                new ConductanceCurve(g, sds.stream().mapToDouble(Double::doubleValue).toArray()), ConductanceCurve.ZERO, ConductanceCurve.ZERO,
                tRead < t0 ? tRead : 0);
    }

    private static double mean(List<Double> v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.size();
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static String round(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** A time or count as read: whole numbers with separators (3,600), others to 3 significant figures. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v) : round(v);
    }

    /** A fitted curve as read: {@code 0.0472 at 2.88 uS ... 0.0523 at 22.3 uS}, one value when it is constant. */
    static String curve(ConductanceCurve c) {
        double[] g = c.gUs(), v = c.values();
        if (g.length == 1) return round(v[0]);
        List<String> points = new java.util.ArrayList<>();
        for (int i = 0; i < g.length; i++) points.add(round(v[i]) + " at " + round(g[i]) + " uS");
        return String.join(", ", points);
    }
}
