package org.rramlab.layers;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.crossbar.AnalogTile;

/**
 * Weights that training does not change, read from a tile: trained weights programmed onto the devices (the
 * conventional baseline). A training forward multiplies with the tile's frozen read (one read for the run); every
 * evaluation forward reads the cells afresh (one read per test batch).
 */
public final class TileWeights implements LayerWeights {
    private final AnalogTile tile;
    private float[] trainingRead;
    private long readVersion = -1;

    public TileWeights(AnalogTile tile) {
        if (tile == null) throw new IllegalArgumentException("tile is null: expected a programmed AnalogTile (Macro.program)");
        this.tile = tile;
    }

    @Override public long[] shape() { return tile.shape(); }

    @Override public INDArray weights(boolean training) {
        if (!training) {
            INDArray w = Nd4j.createUninitialized(DataType.FLOAT, tile.shape());
            tile.freshRead(w);
            return w.castTo(Nd4j.defaultFloatingPointType());
        }
        if (readVersion != tile.configVersion()) {
            trainingRead = new float[(int) tile.edges()];
            tile.trainingRead(0, trainingRead);
            tile.countRead();
            readVersion = tile.configVersion();
        }
        return Nd4j.create(trainingRead.clone(), tile.shape(), 'c').castTo(Nd4j.defaultFloatingPointType());
    }

    @Override public void backward(INDArray gradWeights) {}

    @Override public List<Param> params() { return List.of(); }

    @Override public AnalogTile tile() { return tile; }
}
