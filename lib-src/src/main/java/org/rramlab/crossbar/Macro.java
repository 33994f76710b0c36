package org.rramlab.crossbar;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rramlab.device.Check;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.WriteNoise;
import org.rramlab.device.WriteVerify;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A macro of identical arrays onto which layers are mapped. A layer larger than one array is cut into tiles of at
 * most rows x cols (inputs along rows, outputs along columns); tiles of several layers share an array where they
 * fit (guillotine packing, best area fit, see {@link #fit}; a new array when none has room). A new array is electroformed when it is first used. Layers come either
 * programmed by write-verify ({@link #program}, the conventional baseline) or formed for edge pruning
 * ({@link #formLayer}). {@link #report()} says which cells each layer uses.
 */
public final class Macro {
    private final int rows, cols;
    private final DeviceModel device;
    private final MvmConfig mvm;
    private final long seed;
    private final List<Crossbar> arrays = new ArrayList<>();
    private final List<List<int[]>> free = new ArrayList<>(); // per array: free rectangles {top, left, height, width}
    private final List<MappedLayer> layers = new ArrayList<>();

    public Macro(int rows, int cols, DeviceModel device, MvmConfig mvm, long seed) {
        Check.arraySize(rows, cols);
        this.rows = rows;
        this.cols = cols;
        this.device = Check.notNull("device", device);
        this.mvm = Check.notNull("mvm", mvm);
        this.seed = seed;
    }

    /** Arrays of the paper's size, 512 x 512 pairs. */
    public static Macro paper(DeviceModel device, MvmConfig mvm, long seed) {
        return new Macro(Crossbar.PAPER_SIZE, Crossbar.PAPER_SIZE, device, mvm, seed);
    }

    /**
     * Maps {@code weights} [out, in] onto tiles and programs them by write-verify like
     * {@link ProgrammedWeights} (one scale per layer: max|W| spans the programmable range). A convolution's
     * [out, in, kh, kw] is taken as the matrix [out, in * kh * kw] it multiplies as after im2col.
     */
    public MappedLayer program(String name, INDArray weights, WriteNoise noise) {
        Check.notNull("noise", noise);
        if (weights == null || weights.rank() < 2) {
            throw new IllegalArgumentException("weights for layer " + name + ": expected a matrix [out, in], got "
                    + (weights == null ? "null" : java.util.Arrays.toString(weights.shape())));
        }
        if (weights.rank() > 2) {
            weights = weights.reshape('c', weights.size(0), weights.length() / weights.size(0));
        }
        int out = (int) weights.rows(), in = (int) weights.columns();
        float[][] w = weights.castTo(DataType.FLOAT).toFloatMatrix();
        double maxAbs = weights.amaxNumber().doubleValue();
        if (!Double.isFinite(maxAbs)) {
            throw new IllegalArgumentException("weights for layer " + name + ": contain NaN or infinite values");
        }
        WriteVerify wv = device.writeVerify();
        double perUs = maxAbs == 0 ? 1 : wv.rangeUs() / maxAbs;
        List<Tile> tiles = place(out, in);
        long pulses = 0;
        for (Tile t : tiles) {
            Crossbar a = arrays.get(t.array());
            for (int r = 0; r < t.rows(); r++) {
                for (int c = 0; c < t.cols(); c++) {
                    float v = w[t.outOffset() + c][t.inOffset() + r];
                    pulses += a.program(Plane.PLUS, t.rowOffset() + r, t.colOffset() + c,
                            wv.gMinUs() + Math.max(v, 0) * perUs, noise);
                    pulses += a.program(Plane.MINUS, t.rowOffset() + r, t.colOffset() + c,
                            wv.gMinUs() + Math.max(-v, 0) * perUs, noise);
                }
            }
        }
        MappedLayer layer = new MappedLayer(name, out, in, 1 / perUs, tiles, Collections.unmodifiableList(arrays), mvm,
                pulses, null);
        layers.add(layer);
        return layer;
    }

    /**
     * Places a layer for edge pruning: on its (freshly formed) cells a seeded random sign picks which cell of each
     * pair stays formed and the other is RESET, so every edge starts kept with a random signed weight, as
     * {@link DeviceEdgeWeights} describes. One scale per layer makes the kept weights' std {@code 2 / sqrt(fanIn)}.
     * {@link MappedLayer#applyMask} then prunes and reinstates edges by RESET and SET.
     *
     * @param out   outputs (columns used)
     * @param in    inputs (rows used); a convolution's in x kh x kw
     * @param fanIn inputs per output, > 0
     */
    public MappedLayer formLayer(String name, int out, int in, int fanIn) {
        if (out <= 0 || in <= 0 || fanIn <= 0) {
            throw new IllegalArgumentException("layer " + name + ": out = " + out + ", in = " + in + ", fanIn = " + fanIn
                    + ": expected all > 0");
        }
        List<Tile> tiles = place(out, in);
        SplittableRandom signs = new SplittableRandom(seed + 7919L * (layers.size() + 1));
        boolean[] formedPlus = new boolean[out * in];
        double sum = 0, sumSq = 0;
        for (Tile t : tiles) {
            Crossbar a = arrays.get(t.array());
            for (int r = 0; r < t.rows(); r++) {
                for (int c = 0; c < t.cols(); c++) {
                    int edge = (t.outOffset() + c) * in + t.inOffset() + r;
                    int row = t.rowOffset() + r, col = t.colOffset() + c;
                    formedPlus[edge] = signs.nextBoolean();
                    a.reset(formedPlus[edge] ? Plane.MINUS : Plane.PLUS, row, col);
                    double d = a.conductance(Plane.PLUS, row, col) - a.conductance(Plane.MINUS, row, col);
                    sum += d;
                    sumSq += d * d;
                }
            }
        }
        int n = out * in;
        double std = Math.sqrt(Math.max(0, sumSq / n - (sum / n) * (sum / n)));
        if (!(std > 0)) {
            throw new IllegalStateException("layer " + name + ": formed weights have no spread; cannot scale them");
        }
        MappedLayer layer = new MappedLayer(name, out, in, 2 / Math.sqrt(fanIn) / std, tiles,
                Collections.unmodifiableList(arrays), mvm, 0, formedPlus);
        layers.add(layer);
        return layer;
    }

    /** Cuts an out x in layer into tiles and finds room for each. */
    private List<Tile> place(int out, int in) {
        List<Tile> tiles = new ArrayList<>();
        for (int i0 = 0; i0 < in; i0 += rows) {
            for (int o0 = 0; o0 < out; o0 += cols) {
                int h = Math.min(rows, in - i0), wd = Math.min(cols, out - o0);
                tiles.add(fit(h, wd, i0, o0));
            }
        }
        return tiles;
    }

    /**
     * Guillotine packing, best area fit: the tile goes into the smallest free rectangle (of any array, in order)
     * that holds it, at its top-left corner; the rest of that rectangle becomes a full-height strip to its right and
     * a piece below it. Keeping full-height strips suits crossbar tiles, most of which are tall (up to all rows of
     * inputs) and narrow.
     */
    private Tile fit(int h, int w, int inOffset, int outOffset) {
        int bestArray = -1, bestIndex = -1;
        long bestArea = Long.MAX_VALUE;
        for (int a = 0; a < arrays.size() && bestArray < 0; a++) {
            List<int[]> rects = free.get(a);
            for (int i = 0; i < rects.size(); i++) {
                int[] f = rects.get(i);
                long area = (long) f[2] * f[3];
                if (f[2] >= h && f[3] >= w && area < bestArea) {
                    bestArray = a;
                    bestIndex = i;
                    bestArea = area;
                }
            }
        }
        if (bestArray < 0) {
            Crossbar fresh = new Crossbar(rows, cols, device, mvm, seed + 1_000_003L * arrays.size());
            fresh.formAll();
            arrays.add(fresh);
            List<int[]> rects = new ArrayList<>();
            rects.add(new int[]{0, 0, rows, cols});
            free.add(rects);
            bestArray = arrays.size() - 1;
            bestIndex = 0;
        }
        List<int[]> rects = free.get(bestArray);
        int[] f = rects.remove(bestIndex);               // {top, left, height, width}
        if (f[3] > w) {
            rects.add(new int[]{f[0], f[1] + w, f[2], f[3] - w});
        }
        if (f[2] > h) {
            rects.add(new int[]{f[0] + h, f[1], f[2] - h, w});
        }
        return new Tile(bestArray, f[0], f[1], h, w, inOffset, outOffset);
    }

    /** One row per tile: layer, array, cell rows and columns used, pairs. */
    public Table report() {
        StringColumn layer = StringColumn.create("layer");
        IntColumn array = IntColumn.create("array"), r0 = IntColumn.create("first row"), r1 = IntColumn.create("last row"),
                c0 = IntColumn.create("first col"), c1 = IntColumn.create("last col");
        LongColumn pairs = LongColumn.create("pairs");
        for (MappedLayer l : layers) {
            for (Tile t : l.tiles()) {
                layer.append(l.name());
                array.append(t.array());
                r0.append(t.rowOffset());
                r1.append(t.rowOffset() + t.rows() - 1);
                c0.append(t.colOffset());
                c1.append(t.colOffset() + t.cols() - 1);
                pairs.append(t.pairs());
            }
        }
        return Table.create("cells used per layer", layer, array, r0, r1, c0, c1, pairs);
    }

    public List<MappedLayer> layers() { return Collections.unmodifiableList(layers); }

    public List<Crossbar> arrays() { return Collections.unmodifiableList(arrays); }

    /** Fraction of all pairs of the arrays in use that hold a weight. */
    public double utilisation() {
        long used = layers.stream().flatMap(l -> l.tiles().stream()).mapToLong(Tile::pairs).sum();
        return arrays.isEmpty() ? 0 : used / ((double) rows * cols * arrays.size());
    }
}
