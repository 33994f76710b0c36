package org.rramlab.layers;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rramlab.crossbar.AnalogTile;
import org.rramlab.crossbar.MvmChain;
import org.rramlab.crossbar.MvmConfig;

/**
 * The analogue side of a model: its layers' multiply chains and tiles, found by walking the model. A researcher's
 * questions ("what does a 6-bit ADC do to this trained network?", "and IR drop?", "after a month of drift?") are
 * answered by changing the chains or the tiles here and evaluating again.
 */
public final class Layers {
    private Layers() {}

    /** The chain a layer with these weights multiplies through: on their tile, or digital for software weights. */
    static MvmChain chain(String name, LayerWeights weights, MvmConfig mvm) {
        AnalogTile tile = weights.tile();
        long[] shape = weights.shape();
        long in = 1;
        for (int i = 1; i < shape.length; i++) in *= shape[i];
        return tile != null ? new MvmChain(name, mvm, tile) : MvmChain.digital(name, mvm, shape[0], in);
    }

    /** Every multiply chain of {@code model}, in forward order (a recurrent layer has two: input and hidden). */
    public static List<MvmChain> chains(Layer model) {
        List<MvmChain> found = new ArrayList<>();
        collect(model, found);
        return found;
    }

    private static void collect(Layer layer, List<MvmChain> found) {
        if (layer instanceof MaskedDense d) {
            found.add(d.chain());
        } else if (layer instanceof MaskedConv2d c) {
            found.add(c.chain());
        } else if (layer instanceof MaskedRnn r) {
            found.add(r.inputChain());
            found.add(r.hiddenChain());
        } else {
            for (Layer child : layer.children()) collect(child, found);
        }
    }

    /** The tiles of {@code model}'s layers, in forward order (empty for software weights). */
    public static List<AnalogTile> tiles(Layer model) {
        return chains(model).stream().map(MvmChain::tile).filter(t -> t != null).toList();
    }

    /**
     * The macro {@code model}'s tiles are placed on: the placement the network runs on (its mapping report and
     * floorplan, its counters). Refuses a model with no tiles, or with tiles on several macros.
     */
    public static org.rramlab.crossbar.Macro macro(Layer model) {
        var macros = tiles(model).stream().map(AnalogTile::macro).distinct().toList();
        if (macros.size() != 1 || macros.get(0) == null) {
            throw new IllegalArgumentException("model: its layers are on " + macros.size() + " macros; expected one (a network of device "
                    + "weights: pruned on a formed macro, or programmed)");
        }
        return macros.get(0);
    }

    /** Sets every layer's chain to {@code config} (e.g. another ADC to evaluate a trained network with). */
    public static void setMvm(Layer model, MvmConfig config) {
        for (MvmChain c : chains(model)) c.reconfigure(config);
    }

    /** Sets the time since programming of every tile (drift). */
    public static void setSecondsSinceProgramming(Layer model, double seconds) {
        for (AnalogTile t : tiles(model)) t.setSecondsSinceProgramming(seconds);
    }

    /**
     * Calibrates every calibrated ADC of {@code model}: evaluation forwards of {@code batches} record each block's
     * largest partial sum, which becomes that block's fixed full scale. Returns the number of chains calibrated.
     */
    public static int calibrateAdc(Layer model, List<INDArray> batches) {
        if (batches == null || batches.isEmpty()) {
            throw new IllegalArgumentException("batches: expected at least one batch of calibration inputs");
        }
        List<MvmChain> chains = chains(model).stream()
                .filter(c -> c.config().adc().enabled() && c.config().adc().range() == org.rramlab.crossbar.Adc.Range.CALIBRATED).toList();
        for (MvmChain c : chains) c.startCalibration();
        for (INDArray b : batches) model.forward(b, false);
        for (MvmChain c : chains) c.finishCalibration();
        return chains.size();
    }
}
