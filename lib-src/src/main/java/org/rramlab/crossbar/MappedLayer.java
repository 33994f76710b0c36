package org.rramlab.crossbar;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

/**
 * A fully connected layer W [out, in] programmed onto one or more tiles of a {@link Macro}. The multiply quantises
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

    MappedLayer(String name, int out, int in, double scale, List<Tile> tiles, List<Crossbar> arrays, MvmConfig mvm,
                long pulses) {
        this.name = name;
        this.out = out;
        this.in = in;
        this.scale = scale;
        this.tiles = List.copyOf(tiles);
        this.arrays = arrays;
        this.mvm = mvm;
        this.pulses = pulses;
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
