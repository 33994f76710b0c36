package org.rramlab.crossbar;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

/**
 * A fully connected layer W [out, in] on one or more tiles of a {@link Macro}, either programmed by write-verify or
 * formed for edge pruning (then {@link #applyMask} prunes and reinstates edges). The multiply quantises
 * the whole input once (per-tensor DAC), runs each tile's block of the array with its own read, converts each tile's
 * currents with its own ADC, adds the partial sums digitally and rescales to weight units.
 */
public final class MappedLayer {
    private final String name;
    private final int out, in;
    private final double scale;
    private final List<Tile> tiles;
    private final List<Crossbar> arrays;
    private final MvmConfig mvm;
    private final long pulses;
    private final boolean[] formedPlus;   // formed layers: which cell of each edge's pair is the formed one
    private final boolean[] kept;         // formed layers: the edge's current state

    MappedLayer(String name, int out, int in, double scale, List<Tile> tiles, List<Crossbar> arrays, MvmConfig mvm,
                long pulses, boolean[] formedPlus) {
        this.name = name;
        this.out = out;
        this.in = in;
        this.scale = scale;
        this.tiles = List.copyOf(tiles);
        this.arrays = arrays;
        this.mvm = mvm;
        this.pulses = pulses;
        this.formedPlus = formedPlus;
        this.kept = formedPlus == null ? null : new boolean[formedPlus.length];
        if (kept != null) {
            java.util.Arrays.fill(kept, true);
        }
    }

    /**
     * Sets which edges are kept (a formed layer only): a kept edge that is now pruned has its formed cell RESET, a
     * pruned edge that is now kept has it SET (a new draw of the SET state: reinstating does not restore the old
     * conductance). Counted in the arrays' counters. Returns the number of flips (SETs + RESETs).
     *
     * @param keep [out, in], nonzero = kept
     */
    public long applyMask(INDArray keep) {
        if (formedPlus == null) {
            throw new IllegalStateException("layer " + name + " was programmed by write-verify; only a layer made by "
                    + "Macro.formLayer is pruned by masks");
        }
        if (keep == null || !java.util.Arrays.equals(keep.shape(), new long[]{out, in})) {
            throw new IllegalArgumentException("keep for layer " + name + ": shape "
                    + (keep == null ? "null" : java.util.Arrays.toString(keep.shape())) + ", expected [" + out + ", " + in + "]");
        }
        float[] k = keep.castTo(DataType.FLOAT).dup('c').data().asFloat();
        long flips = 0;
        for (Tile t : tiles) {
            Crossbar a = arrays.get(t.array());
            for (int r = 0; r < t.rows(); r++) {
                for (int c = 0; c < t.cols(); c++) {
                    int edge = (t.outOffset() + c) * in + t.inOffset() + r;
                    boolean want = k[edge] != 0;
                    if (want != kept[edge]) {
                        Plane formed = formedPlus[edge] ? Plane.PLUS : Plane.MINUS;
                        if (want) {
                            a.set(formed, t.rowOffset() + r, t.colOffset() + c);
                        } else {
                            a.reset(formed, t.rowOffset() + r, t.colOffset() + c);
                        }
                        kept[edge] = want;
                        flips++;
                    }
                }
            }
        }
        return flips;
    }

    /** The layer's weights as the multiply sees them without read noise: scale x (G+ - G-), [out, in] (a copy). */
    public INDArray weights() {
        INDArray w = Nd4j.zeros(DataType.FLOAT, out, in);
        for (Tile t : tiles) {
            INDArray block = arrays.get(t.array()).effectiveDifference()
                    .get(NDArrayIndex.interval(t.rowOffset(), t.rowOffset() + t.rows()),
                            NDArrayIndex.interval(t.colOffset(), t.colOffset() + t.cols()));
            w.get(NDArrayIndex.interval(t.outOffset(), t.outOffset() + t.cols()),
                    NDArrayIndex.interval(t.inOffset(), t.inOffset() + t.rows())).assign(block.transpose().mul(scale));
        }
        return w;
    }

    /** y [batch, out] = x [batch, in] W^T through the analogue chain, in weight units. */
    public INDArray mvm(INDArray x) {
        if (x == null || x.rank() != 2 || x.columns() != in) {
            throw new IllegalArgumentException("x for layer " + name + ": shape "
                    + (x == null ? "null" : java.util.Arrays.toString(x.shape())) + ", expected [batch, " + in + "]");
        }
        INDArray xq = mvm.dac().apply(x.castTo(DataType.FLOAT));
        INDArray y = Nd4j.zeros(DataType.FLOAT, x.rows(), out);
        for (Tile t : tiles) {
            INDArray xs = xq.get(NDArrayIndex.all(), NDArrayIndex.interval(t.inOffset(), t.inOffset() + t.rows()));
            INDArray partial = arrays.get(t.array()).currents(xs, t.rowOffset(), t.colOffset(), t.rows(), t.cols());
            mvm.adc().apply(partial);
            y.get(NDArrayIndex.all(), NDArrayIndex.interval(t.outOffset(), t.outOffset() + t.cols()))
                    .addi(partial.muli(scale));
        }
        return y;
    }

    public String name() { return name; }

    public int outputs() { return out; }

    public int inputs() { return in; }

    /** Weight units per uS. */
    public double scale() { return scale; }

    public List<Tile> tiles() { return tiles; }

    /** Write-verify pulses spent programming this layer. */
    public long pulses() { return pulses; }
}
