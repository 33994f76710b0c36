package org.rramlab.crossbar;

import java.util.Collections;
import org.rramlab.util.Check;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The placement a {@link Macro} would give a network, without its cells: the same {@link Packing} (so the same blocks on
 * the same arrays, layer for layer, as a macro placing the same layers in the same order), but no conductances, states
 * or counters. For networks whose formed macro would not fit in memory (ResNet-50: ~190 arrays of 512 x 512 cells,
 * {@link Crossbar#BYTES_PER_PAIR} bytes per pair in this simulator, and tens of millions of forming draws).
 */
public final class MacroPlan {
    private final int rows, cols, maxArrays;
    private final Packing packing;
    private final Map<String, List<Block>> layers = new LinkedHashMap<>();

    /** As {@link Macro#Macro(int, int, org.rramlab.device.DeviceModel, long, int)}: rows, pairs per row, most arrays. */
    public MacroPlan(int rows, int cols, int maxArrays) {
        Check.arraySize(rows, cols);
        if (maxArrays < 1) throw new IllegalArgumentException("maxArrays = " + maxArrays + ": expected >= 1");
        this.rows = rows;
        this.cols = cols;
        this.maxArrays = maxArrays;
        this.packing = new Packing(rows, cols, maxArrays);
    }

    /** Arrays of the paper's size (512 rows x 256 pairs), as many as needed: the plan of {@link Macro#paper}. */
    public static MacroPlan paper() {
        return new MacroPlan(Crossbar.PAPER_ROWS, Crossbar.PAPER_PAIR_COLUMNS, Integer.MAX_VALUE);
    }

    /** The plan of a macro's geometry (its rows, pairs per row and most arrays). */
    public static MacroPlan of(Macro macro) {
        return new MacroPlan(macro.arrayRows(), macro.arrayCols(), macro.maxArrays());
    }

    /** Places a layer of weight shape [out, in] or [out, in, kh, kw], as {@link Macro#formForPruning} or {@link Macro#program} would. */
    public List<Block> place(String layer, long[] shape) {
        if (layer != null && layers.containsKey(layer)) {
            throw new IllegalArgumentException("layer " + layer + ": already placed in this plan; a layer is placed once");
        }
        int[] oi = Macro.matrixOf(layer, shape);
        List<Block> blocks = Collections.unmodifiableList(packing.place(layer, oi[0], oi[1]));
        layers.put(layer, blocks);
        return blocks;
    }

    public int arrayRows() { return rows; }
    public int arrayCols() { return cols; }
    public int maxArrays() { return maxArrays; }

    /** Arrays the placed layers occupy. */
    public int arrays() { return packing.arrays(); }

    /** Layer name -> its blocks, in placement order. */
    public Map<String, List<Block>> layers() { return Collections.unmodifiableMap(layers); }

    /** The blocks of a placed layer. */
    public List<Block> blocks(String layer) {
        List<Block> b = layers.get(layer);
        if (b == null) throw new IllegalArgumentException("layer '" + layer + "': not in this plan, which holds " + layers.keySet());
        return b;
    }

    /** Pairs (weights) of a layer, or of all layers. */
    public long pairs(String layer) { return blocks(layer).stream().mapToLong(Block::pairs).sum(); }

    public long pairs() { return layers.values().stream().flatMap(List::stream).mapToLong(Block::pairs).sum(); }

    /** Cells holding weights: two per pair. */
    public long cells() { return 2 * pairs(); }

    /** Cells of the arrays opened (used or not). */
    public long arrayCells() { return 2L * rows * cols * arrays(); }

    /** Fraction of the opened arrays' pairs that hold a weight (as {@link Macro#utilisation()}). */
    public double utilisation() { return arrays() == 0 ? 0 : pairs() / ((double) rows * cols * arrays()); }

    /** Pairs in use on array {@code a}. */
    public long pairsUsed(int a) {
        return layers.values().stream().flatMap(List::stream).filter(b -> b.array() == a).mapToLong(Block::pairs).sum();
    }

    /** Bytes this simulator's formed macro of the same arrays would hold in cell state ({@link Crossbar#BYTES_PER_PAIR}). */
    public long formedBytes() { return (long) Crossbar.BYTES_PER_PAIR * rows * cols * arrays(); }

    /** One row per block: layer, array, cell rows and columns used, pairs (the columns of {@link Macro#report()}). */
    public Table report() {
        return Packing.blockTable("blocks of each layer on the macro's arrays (planned)", layers);
    }

    /** One row per layer: blocks, arrays touched, pairs, cells, share of the placed pairs. */
    public Table layerSummary() {
        StringColumn layer = StringColumn.create("layer");
        IntColumn blocks = IntColumn.create("blocks"), touched = IntColumn.create("arrays");
        LongColumn pairs = LongColumn.create("pairs"), cells = LongColumn.create("cells");
        DoubleColumn share = DoubleColumn.create("share of used pairs (%)");
        long total = pairs();
        layers.forEach((name, b) -> {
            long p = b.stream().mapToLong(Block::pairs).sum();
            layer.append(name);
            blocks.append(b.size());
            touched.append((int) b.stream().mapToInt(Block::array).distinct().count());
            pairs.append(p);
            cells.append(2 * p);
            share.append(Math.round(1000.0 * p / total) / 10.0);
        });
        return Table.create(String.format(Locale.ROOT, "layers on the macro (%d array(s) of %d x %d pairs, %.1f %% used; planned, no cells formed)",
                arrays(), rows, cols, 100 * utilisation()), layer, blocks, touched, pairs, cells, share);
    }

    /** The placement as a picture, as {@link Macro#floorplan()}. */
    public java.awt.image.BufferedImage floorplan() {
        return CrossbarPlots.floorplan(layers, rows, cols, arrays());
    }
}
