package org.rramlab.prune;

import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Counts programming operations caused by mask flips, per layer: a SET reinstates an edge (pruned → kept), a RESET
 * prunes one (kept → pruned). The initial prune from an all-kept array is not counted (as in the paper).
 */
public final class ProgrammingLedger {
    private final Map<String, long[]> counts = new LinkedHashMap<>();   // layer -> {sets, resets, edges}

    /** Registers a layer of {@code edges} weights (so layers without flips still appear). */
    public synchronized void register(String layer, long edges) {
        counts.computeIfAbsent(layer, k -> new long[3])[2] = edges;
    }

    public synchronized void record(String layer, long sets, long resets) {
        long[] c = counts.computeIfAbsent(layer, k -> new long[3]);
        c[0] += sets;
        c[1] += resets;
    }

    public synchronized long sets(String layer) { return get(layer)[0]; }
    public synchronized long resets(String layer) { return get(layer)[1]; }

    public synchronized long totalSets() { return counts.values().stream().mapToLong(c -> c[0]).sum(); }
    public synchronized long totalResets() { return counts.values().stream().mapToLong(c -> c[1]).sum(); }
    /** All flips (SET + RESET) in all layers. */
    public synchronized long total() { return totalSets() + totalResets(); }

    /** Restores counts (checkpoint resume). */
    public synchronized void restore(String layer, long sets, long resets) {
        long[] c = counts.computeIfAbsent(layer, k -> new long[3]);
        c[0] = sets;
        c[1] = resets;
    }

    public synchronized Map<String, long[]> snapshot() {
        Map<String, long[]> copy = new LinkedHashMap<>();
        counts.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    private long[] get(String layer) {
        long[] c = counts.get(layer);
        if (c == null) throw new IllegalArgumentException("layer '" + layer + "': not in the ledger, which has " + counts.keySet());
        return c;
    }

    /** One row per layer plus a total: layer, edges, SET, RESET, flips, flips per edge. */
    public synchronized Table toTable() {
        StringColumn layer = StringColumn.create("layer");
        LongColumn edges = LongColumn.create("edges"), sets = LongColumn.create("SET"), resets = LongColumn.create("RESET"), flips = LongColumn.create("flips");
        tech.tablesaw.api.DoubleColumn perEdge = tech.tablesaw.api.DoubleColumn.create("flips per edge");
        long te = 0;
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            long[] c = e.getValue();
            layer.append(e.getKey()); edges.append(c[2]); sets.append(c[0]); resets.append(c[1]); flips.append(c[0] + c[1]);
            perEdge.append(c[2] == 0 ? Double.NaN : (c[0] + c[1]) / (double) c[2]);
            te += c[2];
        }
        layer.append("total"); edges.append(te); sets.append(totalSets()); resets.append(totalResets()); flips.append(total());
        perEdge.append(te == 0 ? Double.NaN : total() / (double) te);
        return Table.create("programming operations", layer, edges, sets, resets, flips, perEdge);
    }
}
