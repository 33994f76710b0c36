package org.rramlab.energy;

import java.util.ArrayList;
import java.util.List;
import org.rramlab.crossbar.AnalogTile;
import org.rramlab.crossbar.Counters;
import org.rramlab.crossbar.MvmChain;
import org.rramlab.device.DeviceModel;
import org.rramlab.layers.ActivationQuant;
import org.rramlab.layers.Layer;
import org.rramlab.layers.Layers;
import org.rramlab.layers.MaskedConv2d;
import org.rramlab.layers.MaskedDense;
import org.rramlab.layers.QuantileQuant;
import org.rramlab.layers.Sequential;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The energy of the run a user just made, read off its own tiles: the second way into the energy model beside the
 * paper's workloads ({@link PaperWorkloads}).
 * <ul>
 *   <li>Inference: per tile, the MVMs per inference its evaluation counters saw (one per image for a dense layer, one
 *       per output pixel for a convolution, one per time step for a recurrent matrix), its shape, the fraction of its
 *       edges kept and the mean conductance of its pairs as they are now; the input bits are the network's quantiser
 *       before the layer (or the chain's DAC). The macro is {@link AnalogMacro#of} the tiles' own device.</li>
 *   <li>Programming: the tiles' forming pulses, the SET and RESET pulses of training's mask flips, the RESETs that set
 *       the arrays up, and the write-verify pulses of a programmed baseline, with {@link DevicePulses#of} the device.</li>
 * </ul>
 * Digital work per layer is estimated from the counts (a ReLU and a quantisation per output, batch norm after every
 * convolution); pooling and upsampling are not counted, so the periphery share is a lower estimate.
 */
public final class RunEnergy {
    private RunEnergy() {}

    /** The run's workload per inference; {@code defaultInputBits} for a layer with no quantiser before it. */
    public static Workload workload(String name, Layer model, int defaultInputBits) {
        List<AnalogTile> tiles = Layers.tiles(model);
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("model " + name + ": no analogue tiles (software weights); the energy of a run needs a "
                    + "network on a macro (pruned on formed cells, or programmed)");
        }
        List<Integer> bits = inputBits(model, defaultInputBits);
        List<LayerWork> layers = new ArrayList<>();
        for (int i = 0; i < tiles.size(); i++) {
            AnalogTile t = tiles.get(i);
            Counters c = t.counters();
            if (c.evaluationSamples() == 0) {
                throw new IllegalStateException("tile " + t.name() + ": no evaluation counted yet; evaluate the model (e.g. "
                        + "Trainer.evaluate) before asking for the energy per inference");
            }
            long mvms = Math.max(1, Math.round(c.vectorsPerInference()));
            long[] shape = t.shape();
            long in = shape.length == 4 ? shape[1] * mvms : (long) t.inputs() * mvms;
            long out = (long) t.outputs() * mvms;
            DigitalWork digital = new DigitalWork(out, 0, shape.length == 4 ? out : 0, out, 0);
            layers.add(new LayerWork(t.name(), t.inputs(), t.outputs(), mvms, t.keptFraction(), bits.get(i), LayerWork.DEFAULT_OUTPUT_BITS,
                    in, out, digital, t.meanPairConductanceUs()));
        }
        return new Workload(name, layers);
    }

    /** Inference energy per example of the run, on the macro of its tiles' device. */
    public static EnergyBreakdown inference(String name, Layer model, int defaultInputBits) {
        return new AnalogEnergyModel(AnalogMacro.of(device(model))).inference(workload(name, model, defaultInputBits));
    }

    /**
     * What programming the run's arrays cost: forming, the SET and RESET pulses of training (the paper's programming
     * operations), the RESETs that prepared the arrays, and write-verify pulses (a programmed baseline), each with its
     * energy and time on the tiles' device.
     */
    public static List<ProgrammingCost> programming(String label, Layer model) {
        DeviceModel device = device(model);
        ProgrammingCostModel cost = new ProgrammingCostModel(DevicePulses.of(device), AnalogMacro.of(device));
        long formed = 0, sets = 0, resets = 0, preparation = 0, verify = 0;
        for (AnalogTile t : Layers.tiles(model)) {
            Counters c = t.counters();
            formed += c.formed();
            sets += c.sets();
            resets += c.resets() - c.preparationResets();
            preparation += c.preparationResets();
            verify += c.verifyPulses();
        }
        List<ProgrammingCost> out = new ArrayList<>();
        out.add(relabel(cost.forming(formed), label + ": forming"));
        if (preparation > 0) out.add(cost.maskFlips(label + ": preparation RESETs (low cells, initial prune)", 0, preparation));
        if (sets + resets > 0) out.add(cost.maskFlips(label + ": training flips (SET + RESET)", sets, resets));
        if (verify > 0) out.add(relabel(cost.writeVerifyPulses(verify), label + ": write-verify"));
        return out;
    }

    /** One row per tile: MVMs per inference, kept fraction, pair conductance, and what its cells were programmed with. */
    public static Table tiles(Layer model) {
        StringColumn layer = StringColumn.create("layer");
        LongColumn pairs = LongColumn.create("pairs"), mvms = LongColumn.create("MVMs per inference"), sets = LongColumn.create("SET"),
                resets = LongColumn.create("RESET (flips)"), prep = LongColumn.create("RESET (preparation)"), verify = LongColumn.create("write-verify pulses");
        DoubleColumn kept = DoubleColumn.create("kept (%)"), g = DoubleColumn.create("mean pair conductance (µS)");
        for (AnalogTile t : Layers.tiles(model)) {
            Counters c = t.counters();
            layer.append(t.name());
            pairs.append(t.edges());
            mvms.append(c.evaluationSamples() == 0 ? 0 : Math.round(c.vectorsPerInference()));
            kept.append(Math.round(1000 * t.keptFraction()) / 10.0);
            g.append(Math.round(100 * t.meanPairConductanceUs()) / 100.0);
            sets.append(c.sets());
            resets.append(c.resets() - c.preparationResets());
            prep.append(c.preparationResets());
            verify.append(c.verifyPulses());
        }
        return Table.create("the run's tiles, as counted", layer, pairs, mvms, kept, g, sets, resets, prep, verify);
    }

    private static DeviceModel device(Layer model) {
        List<DeviceModel> devices = Layers.tiles(model).stream().map(AnalogTile::device).distinct().toList();
        if (devices.size() != 1) {
            throw new IllegalArgumentException("model: tiles on " + devices.size() + " devices; expected one");
        }
        return devices.get(0);
    }

    /** Input bits of each tile in forward order: the chain's DAC when on, else the last quantiser before the layer. */
    static List<Integer> inputBits(Layer model, int defaultBits) {
        List<Integer> bits = new ArrayList<>();
        int[] last = {defaultBits};
        Sequential.visitLeaves(model, l -> {
            if (l instanceof ActivationQuant q) last[0] = q.bits();
            else if (l instanceof QuantileQuant q) last[0] = q.bits();
            MvmChain chain = l instanceof MaskedDense d ? d.chain() : l instanceof MaskedConv2d c ? c.chain() : null;
            if (chain != null && chain.tile() != null) {
                bits.add(chain.config().dac().enabled() ? chain.config().dac().bits() : last[0]);
            }
        });
        return bits;
    }

    private static ProgrammingCost relabel(ProgrammingCost c, String label) {
        return new ProgrammingCost(label, c.pulses(), c.joules(), c.seconds());
    }
}
