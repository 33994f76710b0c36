package org.rramlab.crossbar;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rramlab.util.Check;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.WriteNoise;
import org.rramlab.device.WriteVerify;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The arrays a network runs on, and where each of its layers sits. A layer is placed as {@link Block}s of at most
 * rows x cols pairs (inputs along rows, outputs along columns); blocks of several layers share an array where they fit
 * (guillotine packing, best area fit, see {@link #fit}); a new array is added when none has room, up to
 * {@link #maxArrays()}. The cells a layer uses are electroformed when it is placed (forming counted per layer).
 *
 * <p>Layers come formed for edge pruning ({@link #formForPruning}: random signs, the paper's method) or programmed by
 * write-verify ({@link #program}: the conventional baseline); either way the result is the layer's
 * {@link AnalogTile}. {@link #report()} and {@link #floorplan} show the placement the tiles really use.
 */
public final class Macro {
    private final int rows, cols;
    private final DeviceModel device;
    private final long seed;
    private final int maxArrays;
    private final List<Crossbar> arrays = new ArrayList<>();
    private final Packing packing;
    private final Map<String, AnalogTile> tiles = new LinkedHashMap<>();

    /**
     * @param rows      rows of every array
     * @param cols      differential pairs per row of every array
     * @param maxArrays most arrays the macro holds (Integer.MAX_VALUE: as many as the network needs)
     */
    public Macro(int rows, int cols, DeviceModel device, long seed, int maxArrays) {
        Check.arraySize(rows, cols);
        if (maxArrays < 1) {
            throw new IllegalArgumentException("maxArrays = " + maxArrays + ": expected >= 1");
        }
        this.rows = rows;
        this.cols = cols;
        this.device = Check.notNull("device", device);
        this.seed = seed;
        this.maxArrays = maxArrays;
        this.packing = new Packing(rows, cols, maxArrays);
    }

    /** As many arrays as the layers need. */
    public Macro(int rows, int cols, DeviceModel device, long seed) {
        this(rows, cols, device, seed, Integer.MAX_VALUE);
    }

    /** Arrays of the paper's size, 512 rows x 256 pairs (512 x 512 cells), as many as needed. */
    public static Macro paper(DeviceModel device, long seed) {
        return new Macro(Crossbar.PAPER_ROWS, Crossbar.PAPER_PAIR_COLUMNS, device, seed);
    }

    /** The paper's test chip: one array of 512 x 512 cells. A network that does not fit is refused. */
    public static Macro paperChip(DeviceModel device, long seed) {
        return new Macro(Crossbar.PAPER_ROWS, Crossbar.PAPER_PAIR_COLUMNS, device, seed, 1);
    }

    public int arrayRows() { return rows; }

    /** Pairs per row of each array. */
    public int arrayCols() { return cols; }

    public int maxArrays() { return maxArrays; }

    public DeviceModel device() { return device; }

    public long seed() { return seed; }

    /**
     * Places a layer for edge pruning and forms its cells: on every pair a seeded random sign picks which cell stays
     * formed (high), the other is RESET (low, counted as preparation); every edge starts kept. One scale per layer
     * makes the kept weights' standard deviation 2 / sqrt(fanIn) ({@link DifferentialPair#pruningScale}).
     *
     * @param shape the weight tensor's shape, [out, in] or [out, in, kh, kw] (a convolution takes in*kh*kw rows)
     * @param fanIn inputs per output, > 0
     * @param seed  the layer's sign pattern
     */
    public AnalogTile formForPruning(String layer, long[] shape, int fanIn, long seed) {
        int[] oi = matrix(layer, shape);
        int out = oi[0], in = oi[1];
        if (fanIn <= 0) {
            throw new IllegalArgumentException("layer " + layer + ": fanIn = " + fanIn + ": expected > 0 (inputs per output)");
        }
        List<Block> blocks = place(layer, out, in);
        SplittableRandom signs = new SplittableRandom(seed);
        boolean[] formedPlus = new boolean[out * in];
        for (int e = 0; e < formedPlus.length; e++) formedPlus[e] = signs.nextBoolean();
        AnalogTile tile = new AnalogTile(this, layer, AnalogTile.Use.PRUNING, shape, blocks, Collections.unmodifiableList(arrays),
                Double.NaN, formedPlus, seed);
        double sum = 0, sumSq = 0;
        for (int e = 0; e < formedPlus.length; e++) {
            Crossbar a = arrays.get(tile.arrayOf(e));
            int cell = tile.cellOf(e), hp = formedPlus[e] ? Crossbar.PLUS : Crossbar.MINUS;
            a.formCell(Crossbar.PLUS, cell, tile.counters());
            a.formCell(Crossbar.MINUS, cell, tile.counters());
            a.resetCell(1 - hp, cell, tile.counters(), true);
            double d = (formedPlus[e] ? 1 : -1) * ((double) a.conductance(hp, cell) - a.conductance(1 - hp, cell));
            sum += d;
            sumSq += d * d;
        }
        tile.initialiseScale(DifferentialPair.pruningScale(layer, sum, sumSq, formedPlus.length, fanIn, shape));
        tiles.put(layer, tile);
        return tile;
    }

    /**
     * Places trained {@code weights} and programs them by write-verify: every cell is formed, then written to its
     * target ({@link DifferentialPair#plusTarget}, max|W| spans the programmable range) with the residual error of
     * {@code noise}; the verify loop's pulses are counted. A convolution's [out, in, kh, kw] is the matrix
     * [out, in*kh*kw] it multiplies after im2col.
     */
    public AnalogTile program(String layer, INDArray weights, WriteNoise noise, long seed) {
        Check.notNull("noise", noise);
        if (weights == null) {
            throw new IllegalArgumentException("layer " + layer + ": weights are null, expected a weight tensor [out, in, ...]");
        }
        int[] oi = matrix(layer, weights.shape());
        float[] w = weights.castTo(DataType.FLOAT).dup('c').data().asFloat();
        double maxAbs = 0;
        for (int i = 0; i < w.length; i++) {
            if (!Float.isFinite(w[i])) {
                throw new IllegalArgumentException("layer " + layer + ": weight " + i + " = " + w[i] + ", expected finite weights");
            }
            maxAbs = Math.max(maxAbs, Math.abs(w[i]));
        }
        WriteVerify wv = device.writeVerify();
        double perUs = DifferentialPair.usPerWeight(maxAbs, wv);
        List<Block> blocks = place(layer, oi[0], oi[1]);
        AnalogTile tile = new AnalogTile(this, layer, AnalogTile.Use.PROGRAMMED, weights.shape(), blocks,
                Collections.unmodifiableList(arrays), DifferentialPair.programmingScale(perUs), null, seed);
        for (int e = 0; e < w.length; e++) {
            Crossbar a = arrays.get(tile.arrayOf(e));
            int cell = tile.cellOf(e);
            a.formCell(Crossbar.PLUS, cell, tile.counters());
            a.formCell(Crossbar.MINUS, cell, tile.counters());
            a.programCell(Crossbar.PLUS, cell, DifferentialPair.plusTarget(w[e], perUs, wv), noise, tile.counters());
            a.programCell(Crossbar.MINUS, cell, DifferentialPair.minusTarget(w[e], perUs, wv), noise, tile.counters());
        }
        tiles.put(layer, tile);
        return tile;
    }

    /** The tile of a placed layer. */
    public AnalogTile tile(String layer) {
        AnalogTile t = tiles.get(layer);
        if (t == null) {
            throw new IllegalArgumentException("layer '" + layer + "': not placed on this macro, which holds " + tiles.keySet());
        }
        return t;
    }

    public List<AnalogTile> tiles() { return List.copyOf(tiles.values()); }

    public List<Crossbar> arrays() { return Collections.unmodifiableList(arrays); }

    /** Every operation on every array of the macro. */
    public Counters counters() {
        Counters c = new Counters();
        for (AnalogTile t : tiles.values()) c.add(t.counters());
        return c;
    }

    private int[] matrix(String layer, long[] shape) {
        if (layer != null && tiles.containsKey(layer)) {
            throw new IllegalArgumentException("layer " + layer + ": already mapped on this macro (" + tiles.get(layer).blocks().size()
                    + " block(s)); a layer is placed once");
        }
        return matrixOf(layer, shape);
    }

    /** The [out, in] matrix a layer of weight shape {@code shape} multiplies (a convolution's in is in*kh*kw); checks the shape. */
    static int[] matrixOf(String layer, long[] shape) {
        if (layer == null || layer.isBlank()) {
            throw new IllegalArgumentException("layer name '" + layer + "': expected a name");
        }
        if (shape == null || shape.length < 2) {
            throw new IllegalArgumentException("layer " + layer + ": weight shape " + Arrays.toString(shape)
                    + ", expected [out, in] or [out, in, kh, kw]");
        }
        long n = 1;
        for (long d : shape) {
            if (d <= 0) throw new IllegalArgumentException("layer " + layer + ": weight shape " + Arrays.toString(shape) + ": every dimension must be > 0");
            n = Math.multiplyExact(n, d);
        }
        if (n >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("layer " + layer + ": " + n + " weights, more than one tile holds (2^31)");
        }
        return new int[]{(int) shape[0], (int) (n / shape[0])};
    }

    /** Places an out x in layer ({@link Packing}) and adds the arrays of cells it opened. */
    private List<Block> place(String layer, int out, int in) {
        List<Block> blocks = packing.place(layer, out, in);
        while (arrays.size() < packing.arrays()) {
            arrays.add(new Crossbar(rows, cols, device, seed + 1_000_003L * arrays.size()));
        }
        return blocks;
    }

    /** One row per block: layer, array, cell rows and columns used, pairs. */
    public Table report() {
        java.util.Map<String, List<Block>> layers = new java.util.LinkedHashMap<>();
        for (AnalogTile t : tiles.values()) layers.put(t.name(), t.blocks());
        return Packing.blockTable("blocks of each layer on the macro's arrays", layers);
    }

    /** One row per layer: blocks, arrays touched, pairs, cells, share of the macro's pairs in use. */
    public Table layerSummary() {
        StringColumn layer = StringColumn.create("layer"), use = StringColumn.create("use");
        IntColumn blocks = IntColumn.create("blocks"), touched = IntColumn.create("arrays");
        LongColumn pairs = LongColumn.create("pairs"), cells = LongColumn.create("cells");
        DoubleColumn share = DoubleColumn.create("share of used pairs (%)");
        long total = tiles.values().stream().mapToLong(AnalogTile::edges).sum();
        for (AnalogTile t : tiles.values()) {
            layer.append(t.name());
            use.append(t.use().name().toLowerCase(java.util.Locale.ROOT));
            blocks.append(t.blocks().size());
            touched.append((int) t.blocks().stream().mapToInt(Block::array).distinct().count());
            pairs.append(t.edges());
            cells.append(2 * t.edges());
            share.append(Math.round(1000.0 * t.edges() / total) / 10.0);
        }
        return Table.create("layers on the macro (" + arrays.size() + " array(s) of " + rows + " x " + cols + " pairs, "
                + Math.round(1000 * utilisation()) / 10.0 + " % used)", layer, use, blocks, touched, pairs, cells, share);
    }

    /** Fraction of all pairs of the arrays in use that hold a weight. */
    public double utilisation() {
        long used = tiles.values().stream().flatMap(t -> t.blocks().stream()).mapToLong(Block::pairs).sum();
        return arrays.isEmpty() ? 0 : used / ((double) rows * cols * arrays.size());
    }

    /** Pairs in use on array {@code a}. */
    public long pairsUsed(int a) {
        return tiles.values().stream().flatMap(t -> t.blocks().stream()).filter(b -> b.array() == a).mapToLong(Block::pairs).sum();
    }

    /** A picture of the placement: every array with its blocks coloured by layer ({@link CrossbarPlots#floorplan}). */
    public java.awt.image.BufferedImage floorplan() {
        return CrossbarPlots.floorplan(this);
    }
}
