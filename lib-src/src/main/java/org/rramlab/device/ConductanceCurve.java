package org.rramlab.device;

import org.rramlab.util.Check;

import java.util.Arrays;

/**
 * A quantity that depends on a cell's conductance, given at a few conductances and linearly interpolated between them
 * (held constant beyond the first and last point): how published device fits give a drift exponent, its spread or a
 * relaxation per state (aihwkit's custom drift model is written the same way, as lists of G and values).
 *
 * @param gUs    conductances, uS, strictly increasing (at least one)
 * @param values the quantity at each conductance (finite), as many as {@code gUs}
 */
public record ConductanceCurve(double[] gUs, double[] values) {

    /** Zero everywhere. */
    public static final ConductanceCurve ZERO = constant(0);

    public ConductanceCurve {
        if (gUs == null || values == null || gUs.length == 0 || gUs.length != values.length) {
            throw new IllegalArgumentException("conductance curve: " + (gUs == null ? "no" : gUs.length) + " conductances and "
                    + (values == null ? "no" : values.length) + " values, expected as many of each and at least one");
        }
        gUs = gUs.clone();
        values = values.clone();
        for (int i = 0; i < gUs.length; i++) {
            Check.conductance("gUs[" + i + "]", gUs[i]);
            Check.finite("values[" + i + "]", values[i]);
            if (i > 0 && !(gUs[i] > gUs[i - 1])) {
                throw new IllegalArgumentException("gUs[" + i + "] = " + gUs[i] + " uS: expected > gUs[" + (i - 1) + "] = " + gUs[i - 1]
                        + " uS (conductances in increasing order)");
            }
        }
    }

    /** JSON: a number for a constant curve, else {@code {"gUs": [...], "values": [...]}}. */
    @com.fasterxml.jackson.annotation.JsonValue
    Object json() {
        if (gUs.length == 1) return values[0];
        var m = new java.util.LinkedHashMap<String, double[]>();
        m.put("gUs", gUs.clone());
        m.put("values", values.clone());
        return m;
    }

    @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
    static ConductanceCurve fromJson(com.fasterxml.jackson.databind.JsonNode node) {
        if (node != null && node.isNumber()) return constant(node.doubleValue());
        if (node == null || !node.isObject() || !node.path("gUs").isArray() || !node.path("values").isArray()) {
            throw new IllegalArgumentException("conductance curve " + node + ": expected a number or {\"gUs\": [...], \"values\": [...]}");
        }
        double[] g = new double[node.get("gUs").size()], v = new double[node.get("values").size()];
        for (int i = 0; i < g.length; i++) g[i] = node.get("gUs").get(i).asDouble(Double.NaN);
        for (int i = 0; i < v.length; i++) v[i] = node.get("values").get(i).asDouble(Double.NaN);
        return new ConductanceCurve(g, v);
    }

    /** The same value at every conductance. */
    public static ConductanceCurve constant(double value) {
        return new ConductanceCurve(new double[]{0}, new double[]{value});
    }

    /** A curve through the points (g0, v0), (g1, v1), ...: {@code of(g0, v0, g1, v1, ...)}. */
    public static ConductanceCurve of(double... pairs) {
        if (pairs.length == 0 || pairs.length % 2 != 0) {
            throw new IllegalArgumentException("conductance curve: " + pairs.length + " numbers, expected pairs (g in uS, value)");
        }
        double[] g = new double[pairs.length / 2], v = new double[pairs.length / 2];
        for (int i = 0; i < g.length; i++) {
            g[i] = pairs[2 * i];
            v[i] = pairs[2 * i + 1];
        }
        return new ConductanceCurve(g, v);
    }

    @Override
    public double[] gUs() {
        return gUs.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** The value at conductance {@code g} (uS). */
    public double at(double g) {
        if (gUs.length == 1 || g <= gUs[0]) return values[0];
        int last = gUs.length - 1;
        if (g >= gUs[last]) return values[last];
        int i = Arrays.binarySearch(gUs, g);
        if (i >= 0) return values[i];
        int hi = -i - 1, lo = hi - 1;
        double f = (g - gUs[lo]) / (gUs[hi] - gUs[lo]);
        return values[lo] + f * (values[hi] - values[lo]);
    }

    /** True when every value is 0. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isZero() {
        for (double v : values) if (v != 0) return false;
        return true;
    }

    /** Refuses a negative value, naming {@code name} and the point. */
    ConductanceCurve requireNonNegative(String name) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0) {
                throw new IllegalArgumentException(name + ": value " + values[i] + " at " + gUs[i] + " uS (point " + i
                        + "): expected >= 0");
            }
        }
        return this;
    }

    /** The curve with every value multiplied by {@code factor}. */
    public ConductanceCurve times(double factor) {
        double[] v = values.clone();
        for (int i = 0; i < v.length; i++) v[i] *= factor;
        return new ConductanceCurve(gUs, v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConductanceCurve c && Arrays.equals(gUs, c.gUs) && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(gUs) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        if (gUs.length == 1) return Double.toString(values[0]);
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < gUs.length; i++) b.append(i == 0 ? "" : ", ").append(values[i]).append(" at ").append(gUs[i]).append(" uS");
        return b.append(']').toString();
    }
}
