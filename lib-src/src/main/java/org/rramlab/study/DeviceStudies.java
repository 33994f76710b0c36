package org.rramlab.study;

import org.rramlab.device.ConductanceDistribution;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.FormingPulse;
import org.rramlab.device.WriteVerify;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The experiments of the device notebook (01-device-stochasticity) as plain calls returning numbers and tables:
 * forming a population of cells, sweeping the forming pulse, reading cells repeatedly, and counting what
 * programming costs. Every method is seeded.
 */
public final class DeviceStudies {
    /** A cell above this conductance counts as formed in summaries (pristine cells sit near 0.1 uS). */
    public static final double FORMED_THRESHOLD_US = 2.0;

    private DeviceStudies() {
    }

    /** Conductances (uS) of {@code cells} freshly formed cells. */
    public static double[] form(DeviceModel device, int cells, long seed) {
        positive("cells", cells);
        SplittableRandom random = new SplittableRandom(seed);
        double[] g = new double[cells];
        for (int i = 0; i < cells; i++) {
            g[i] = device.formCell(random);
        }
        return g;
    }

    /**
     * Sample statistics of a formed population next to the model's: the share of cells formed (in %, as the rest of
     * the notebooks print shares), mean and std of formed cells.
     */
    public static Table formingSummary(DeviceModel device, double[] formedUs) {
        double[] on = Arrays.stream(formedUs).filter(g -> g > FORMED_THRESHOLD_US).toArray();
        ConductanceDistribution model = device.forming().formed();
        return Table.create("forming: sample vs model (" + device.name() + ")",
                StringColumn.create("quantity", "cells formed (%)", "mean of formed cells (uS)", "std of formed cells (uS)"),
                DoubleColumn.create("sample", 100.0 * on.length / formedUs.length, mean(on), std(on)),
                DoubleColumn.create("model", 100 * device.forming().formedFraction(), model.drawMeanUs(), model.drawStdUs()));
    }

    /** Forms {@code cells} cells at each amplitude (width fixed): fraction formed, mean and std of formed cells. */
    public static Table formingPulseSweep(DeviceModel device, double[] amplitudesV, double widthNs, int cells, long seed) {
        DoubleColumn amp = DoubleColumn.create("amplitude (V)"), frac = DoubleColumn.create("fraction formed"),
                mean = DoubleColumn.create("mean formed (uS)"), std = DoubleColumn.create("std formed (uS)");
        for (double a : amplitudesV) {
            double[] g = form(device.withFormingPulse(new FormingPulse(a, widthNs)), cells, seed);
            double[] on = Arrays.stream(g).filter(v -> v > FORMED_THRESHOLD_US).toArray();
            amp.append(a);
            frac.append(on.length / (double) cells);
            mean.append(on.length == 0 ? Double.NaN : mean(on));
            std.append(on.length == 0 ? Double.NaN : std(on));
        }
        return Table.create("forming pulse sweep, width " + org.rramlab.plot.Numbers.sig(widthNs) + " ns", amp, frac, mean, std);
    }

    /**
     * Reads {@code cells} formed cells {@code reads} times each: one column per cell (uS), one row per read. The
     * stored values are drawn once; each read adds fresh noise.
     */
    public static Table readTrace(DeviceModel device, int cells, int reads, long seed) {
        positive("cells", cells);
        positive("reads", reads);
        SplittableRandom random = new SplittableRandom(seed);
        Table t = Table.create("repeated reads of " + cells + " cells (" + device.name() + ")");
        IntColumn index = IntColumn.create("read");
        for (int r = 0; r < reads; r++) {
            index.append(r + 1);
        }
        t.addColumns(index);
        for (int c = 0; c < cells; c++) {
            double stored = device.forming().formed().sample(random);
            double sigma = device.readNoise().sigmaUs(stored);
            DoubleColumn col = DoubleColumn.create("cell " + (c + 1));
            for (int r = 0; r < reads; r++) {
                col.append(stored + sigma * random.nextGaussian());
            }
            t.addColumns(col);
        }
        return t;
    }

    /** Per cell of a read trace: mean, std and std / mean of its reads, next to the configured relative noise. */
    public static Table readNoiseSummary(DeviceModel device, Table trace) {
        StringColumn cell = StringColumn.create("cell");
        DoubleColumn mean = DoubleColumn.create("mean (uS)"), std = DoubleColumn.create("std (uS)"),
                rel = DoubleColumn.create("std / mean"), model = DoubleColumn.create("model std (uS)");
        for (int c = 1; c < trace.columnCount(); c++) {
            double[] v = ((DoubleColumn) trace.column(c)).asDoubleArray();
            cell.append(trace.column(c).name());
            mean.append(mean(v));
            std.append(std(v));
            rel.append(std(v) / mean(v));
            model.append(device.readNoise().sigmaUs(mean(v)));
        }
        return Table.create("read noise: sample vs model (" + device.name() + ")", cell, mean, std, rel, model);
    }

    /**
     * What programming costs per cell: a pruning flip is one SET or RESET pulse; the conventional baseline
     * write-verifies each cell from its formed state to a target drawn uniformly in the programmable range.
     * Columns: device, method, mean pulses per cell, 95th percentile, maximum.
     */
    public static Table programmingCost(List<DeviceModel> devices, int cells, long seed) {
        positive("cells", cells);
        StringColumn dev = StringColumn.create("device"), method = StringColumn.create("method");
        DoubleColumn mean = DoubleColumn.create("pulses per cell"), p95 = DoubleColumn.create("95th percentile"),
                max = DoubleColumn.create("max");
        for (DeviceModel d : devices) {
            int[] pulses = writeVerifyPulses(d, cells, seed);
            double[] sorted = Arrays.stream(pulses).asDoubleStream().sorted().toArray();
            dev.append(d.name());
            method.append("SET or RESET (pruning flip)");
            mean.append(1);
            p95.append(1);
            max.append(1);
            dev.append(d.name());
            method.append("write-verify to a target");
            mean.append(Arrays.stream(sorted).average().orElseThrow());
            p95.append(sorted[(int) Math.min(sorted.length - 1, Math.round(0.95 * (sorted.length - 1)))]);
            max.append(sorted[sorted.length - 1]);
        }
        return Table.create("programming cost per cell", dev, method, mean, p95, max);
    }

    /** Write-verify pulses for {@code cells} cells, each from a formed state to a uniform target in range. */
    public static int[] writeVerifyPulses(DeviceModel device, int cells, long seed) {
        positive("cells", cells);
        SplittableRandom random = new SplittableRandom(seed);
        WriteVerify wv = device.writeVerify();
        int[] pulses = new int[cells];
        for (int i = 0; i < cells; i++) {
            double target = wv.gMinUs() + wv.rangeUs() * random.nextDouble();
            pulses[i] = wv.pulses(device.formCell(random), target, random);
        }
        return pulses;
    }

    /**
     * Conductance left after drift, as a fraction of the programmed value, at each time (s) for each device: the mean
     * power law of a cell at the device's mean formed conductance (no spread, no relaxation).
     */
    public static Table driftTable(List<DeviceModel> devices, double... seconds) {
        Table t = Table.create("conductance after drift / programmed conductance",
                DoubleColumn.create("seconds after programming", seconds));
        for (DeviceModel d : devices) {
            DoubleColumn col = DoubleColumn.create(d.name());
            for (double s : seconds) {
                col.append(d.drift().factor(d.forming().formed().drawMeanUs(), s));
            }
            t.addColumns(col);
        }
        return t;
    }

    /**
     * A table of repeated reads as a measurement would give it (CSV lines, header first): {@code cells} formed cells
     * of the model, each read {@code reads} times. Stands in for a measured file in examples and tests.
     */
    public static List<String> simulatedReadTable(DeviceModel device, int cells, int reads, long seed) {
        positive("cells", cells);
        positive("reads", reads);
        SplittableRandom random = new SplittableRandom(seed);
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder header = new StringBuilder();
        for (int r = 0; r < reads; r++) {
            header.append(r == 0 ? "" : ",").append("read ").append(r + 1).append(" (uS)");
        }
        lines.add(header.toString());
        for (int c = 0; c < cells; c++) {
            double stored = device.forming().formed().sample(random);
            StringBuilder row = new StringBuilder();
            for (int r = 0; r < reads; r++) {
                double g = Math.max(0, stored + device.readNoise().sigmaUs(stored) * random.nextGaussian());
                row.append(r == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "%.4f", g));
            }
            lines.add(row.toString());
        }
        return lines;
    }

    /** The devices' parameters side by side: one row per field (dotted path), one column per device. */
    public static Table parameters(DeviceModel... devices) {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<Map<String, String>> flats = new java.util.ArrayList<>();
        java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
        for (DeviceModel d : devices) {
            Map<String, String> flat = new java.util.LinkedHashMap<>();
            flatten("", json.valueToTree(d), flat);
            flat.remove("name");
            keys.addAll(flat.keySet());
            flats.add(flat);
        }
        Table t = Table.create("device parameters", StringColumn.create("parameter", keys.toArray(String[]::new)));
        for (int i = 0; i < devices.length; i++) {
            StringColumn col = StringColumn.create(devices[i].name());
            for (String k : keys) {
                col.append(parameterValue(k, flats.get(i).getOrDefault(k, "")));
            }
            t.addColumns(col);
        }
        return t;
    }

    /** Units of the parameter names' suffixes (meanUs, amplitudeV, widthNs, setUa, t0Seconds). */
    private static final java.util.regex.Pattern UNIT_SUFFIX = java.util.regex.Pattern.compile("(?<=[a-z0-9])(Us|Ua|Ns|Seconds|V)$");

    /**
     * A parameter's value in the house style: a number to 4 significant figures with separators and the unit its
     * name ends in ({@code 1,000 ns}, {@code 14.25 µS}), a fraction as % ({@code 95 %}); text as it is.
     */
    static String parameterValue(String path, String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return text;   // a type name, an enum, "3 values"
        }
        String name = path.substring(path.lastIndexOf('.') + 1);
        // only a named fraction (formedFraction): meanSensitivity is a coefficient, not a share of cells
        if (name.toLowerCase(java.util.Locale.ROOT).contains("fraction") && v >= 0 && v <= 1) return org.rramlab.plot.Numbers.percent(v);
        var unit = UNIT_SUFFIX.matcher(name);
        String number = org.rramlab.plot.Numbers.sig(v);
        if (!unit.find()) return number;
        return number + " " + switch (unit.group(1)) {
            case "Us" -> "µS";
            case "Ua" -> "µA";
            case "Ns" -> "ns";
            case "Seconds" -> "s";
            default -> "V";
        };
    }

    private static void flatten(String path, com.fasterxml.jackson.databind.JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(path, node.isArray() ? node.size() + " values" : node.asText());
        }
    }

    static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).average().orElseThrow();
    }

    static double std(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " = " + value + ": expected > 0");
        }
    }
}
