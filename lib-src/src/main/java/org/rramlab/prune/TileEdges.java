package org.rramlab.prune;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.crossbar.AnalogTile;
import org.rramlab.crossbar.Macro;
import org.rramlab.crossbar.MvmConfig;

/**
 * The edges of one layer as the cells of its {@link AnalogTile}, formed on a macro for pruning: the weights edge
 * pruning trains on in the paper. The mask lives in the cells: a flip is a SET or RESET of the edge's formed cell
 * (counted on the tile), and an evaluation read is a read of the cells as they are.
 */
public final class TileEdges implements EdgeWeights {
    private final AnalogTile tile;

    public TileEdges(AnalogTile tile) {
        if (tile == null || tile.use() != AnalogTile.Use.PRUNING) {
            throw new IllegalArgumentException("tile " + (tile == null ? "null" : tile.name() + " (" + tile.use() + ")")
                    + ": expected a tile formed for pruning (Macro.formForPruning)");
        }
        this.tile = tile;
    }

    /**
     * Factory for model builders: every layer is formed on {@code macro} (one macro per network: its layers share the
     * arrays), e.g. {@code TileEdges.factory(Macro.paper(DeviceModel.taox40nm(), seed))}.
     */
    public static EdgeWeightsFactory factory(Macro macro) {
        if (macro == null) {
            throw new IllegalArgumentException("macro is null: expected a Macro, e.g. Macro.paper(DeviceModel.taox40nm(), 1)");
        }
        return (layer, shape, fanIn, seed) -> new TileEdges(macro.formForPruning(layer, shape, fanIn, seed));
    }

    @Override public long[] shape() { return tile.shape(); }

    @Override public AnalogTile tile() { return tile; }

    @Override public void trainingRead(long read, float[] whenKept, float[] whenPruned) {
        tile.trainingRead(read, whenKept, whenPruned);
    }

    @Override public long readVersion() {
        return tile.configVersion();
    }

    @Override public void countTrainingRead() {
        tile.countRead();
    }

    @Override public boolean freshTrainingReads() {
        return tile.noisy() && tile.config().trainingRead() == MvmConfig.TrainingRead.FRESH_PER_STEP;
    }

    @Override public void evaluationRead(INDArray into, boolean[] kept) {
        if (into.dataType() == DataType.FLOAT && !into.isView() && into.ordering() == 'c') {
            tile.freshRead(into);
        } else {
            INDArray f = Nd4j.createUninitialized(DataType.FLOAT, tile.shape());
            tile.freshRead(f);
            into.assign(f);
        }
    }

    @Override public boolean isNoisy() { return tile.noisy(); }

    @Override public void prepare(boolean[] kept) {
        for (int e = 0; e < kept.length; e++) if (!kept[e]) tile.prepareRemoved(e);
    }

    @Override public void flip(int[] edges, int count, boolean[] kept) {
        for (int k = 0; k < count; k++) tile.setKept(edges[k], kept[edges[k]]);
    }

    @Override public boolean flipsChangeValues() { return tile.switchingRedraws(); }

    @Override public void trainingRead(long read, int[] edges, int count, float[] whenKept, float[] whenPruned) {
        tile.trainingRead(read, edges, count, whenKept, whenPruned);
    }

    @Override public long[] saveState() {
        long[] c = tile.snapshotCounters();
        long[] s = new long[c.length + 1];
        s[0] = tile.readNoiseState();
        System.arraycopy(c, 0, s, 1, c.length);
        return s;
    }

    @Override public byte[] saveCells() { return tile.snapshot(); }

    @Override public void restore(long[] state, byte[] cells) {
        if (state.length == 0) return;   // a checkpoint of a version before the cells were saved
        tile.restore(cells, java.util.Arrays.copyOfRange(state, 1, state.length));
        tile.restoreReadNoiseState(state[0]);
    }
}
