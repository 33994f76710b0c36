package org.rramlab.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.crossbar.AnalogTile;
import org.rramlab.crossbar.Block;
import org.rramlab.crossbar.Macro;
import org.rramlab.crossbar.MacroPlan;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.WriteNoise;
import org.rramlab.energy.AnalogEnergyModel;
import org.rramlab.energy.AnalogMacro;
import org.rramlab.energy.DevicePulses;
import org.rramlab.energy.DigitalEnergyModel;
import org.rramlab.energy.DigitalProcessor;
import org.rramlab.energy.DigitalWork;
import org.rramlab.energy.EnergyBreakdown;
import org.rramlab.energy.LayerWork;
import org.rramlab.energy.Latency;
import org.rramlab.energy.ProgrammingCost;
import org.rramlab.energy.ProgrammingCostModel;
import org.rramlab.energy.Workload;
import org.rramlab.layers.Sequential;
import org.rramlab.network.ResNet;
import org.rramlab.network.WeightsProvider;
import org.rramlab.prune.TopK;
import org.rramlab.train.Sgd;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A residual network worked out on the simulated hardware without training it: ResNet-50 with an ImageNet-100 head on
 * the paper's 512 x 512-cell arrays ({@link #resnet50ImageNet100()}).
 * <ul>
 *   <li>Placement: every layer placed, in forward order, by the macro's own packing ({@link MacroPlan}: the blocks a
 *       {@link Macro} would give, without forming ~47 M cells): arrays, cells, utilisation, floorplan.</li>
 *   <li>Inference per image: the layers' matrix-vector products on the energy model's analogue macro (all arrays
 *       resident, weight-stationary) and the same work on its GPU reference.</li>
 *   <li>Programming: the paper's pruning set-up as {@link Macro#formForPruning} and the first mask do it (form both cells of
 *       every pair, RESET one, RESET the high cell of every pruned edge), training's mask flips as an extrapolation
 *       from a measured flips-per-weight-per-epoch, against write-verify of trained weights at the pulses per cell
 *       measured by programming one of the network's layers on a real macro.</li>
 * </ul>
 */
public final class ResNetScaling {
    private final ResNet.Shape shape;
    private final double keepFraction;
    private final DeviceModel device;
    private final int inputBits;
    private final List<ResNet.LayerSpec> layers;
    private final MacroPlan plan;

    /**
     * @param shape        the network
     * @param keepFraction edges kept by pruning
     * @param device       the cells (its read and programming figures feed the energy model)
     * @param inputBits    bits of each layer's input (the DACs; 8 for a float network)
     */
    public ResNetScaling(ResNet.Shape shape, double keepFraction, DeviceModel device, int inputBits) {
        if (shape == null || device == null) throw new IllegalArgumentException("shape and device: expected both, got " + shape + ", " + device);
        TopK.keptCount(1, keepFraction);   // its check of the fraction
        if (inputBits < 1 || inputBits > 16) throw new IllegalArgumentException("inputBits = " + inputBits + ": expected 1..16");
        this.shape = shape;
        this.keepFraction = keepFraction;
        this.device = device;
        this.inputBits = inputBits;
        this.layers = ResNet.layers(shape);
        this.plan = MacroPlan.paper();
        for (ResNet.LayerSpec l : layers) plan.place(l.name(), l.shape());
    }

    /**
     * Prints the ResNet-50 / ImageNet-100 figures: {@code java -cp 'lib-src/target/notebook-lib/*' org.rramlab.study.ResNetScaling
     * [flipsPerWeightPerEpoch [epochs]]} (defaults: 0, 100: the set-up alone); the write-verify pulses per cell are measured.
     * With {@code --tile-forward} instead: forms the whole macro and times one image through the tiles ({@link #tileForward}).
     */
    public static void main(String[] args) {
        ResNetScaling s = resnet50ImageNet100();
        if (args.length > 0 && args[0].equals("--tile-forward")) {   // forms the whole macro: a few GB of heap, minutes
            TileForward f = s.tileForward(org.rramlab.crossbar.MvmConfig.paper(), 1, 1);
            System.out.printf(Locale.ROOT, "ResNet-50 / ImageNet-100 on %d formed arrays: forming %.1f s, one 224 x 224 image through the tiles "
                    + "(paper chain) %.1f s, Java heap in use %.2f GB (of %.2f GB allowed); %d core(s), load average %.1f%n", f.arrays(), f.formingSeconds(),
                    f.forwardSeconds(), f.heapBytes() / 1e9, Runtime.getRuntime().maxMemory() / 1e9, Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            return;
        }
        double flips = args.length > 0 ? Double.parseDouble(args[0]) : 0;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        System.out.println(s.summary().printAll());
        EnergyBreakdown a = s.analogInference(), g = s.gpuInference();
        System.out.println(org.rramlab.energy.EnergyTables.breakdowns("energy per image", List.of(a, g), org.rramlab.energy.EnergyUnit.MICROJOULE).printAll());
        System.out.printf(Locale.ROOT, "energy per image: analogue %.2f uJ, GPU %.2f uJ (%.1f %% less); latency: analogue %.3f ms, GPU %.3f ms%n",
                a.total() * 1e6, g.total() * 1e6, a.reductionVersus(g), s.analogLatency().totalSeconds() * 1e3, s.gpuLatency().totalSeconds() * 1e3);
        double perCell = s.measuredWriteVerifyPulsesPerCell("s1.b1.conv2", WriteNoise.range(0.1), 1);
        System.out.println(org.rramlab.energy.EnergyTables.programming("programming (keep " + s.keepFraction() + ")",
                s.programming(flips, epochs, perCell)).printAll());
    }

    /** ResNet-50 with 100 classes at 224 x 224, keep 0.3 (edge-popup's ImageNet setting), the TaOx device, 8-bit inputs. */
    public static ResNetScaling resnet50ImageNet100() {
        return new ResNetScaling(ResNet.Shape.resnet50(100), 0.3, DeviceModel.taox40nm(), 8);
    }

    public ResNet.Shape shape() { return shape; }
    public double keepFraction() { return keepFraction; }
    /** The placement every figure here is computed from. */
    public MacroPlan plan() { return plan; }
    public List<ResNet.LayerSpec> layers() { return layers; }

    /** Weights of the network (= pairs placed). */
    public long weights() { return plan.pairs(); }

    /** Edges kept after pruning, layer by layer as top-k keeps them. */
    public long keptEdges() {
        return layers.stream().mapToLong(l -> TopK.keptCount(l.weights(), keepFraction)).sum();
    }

    /** One row per weight layer: its geometry, matrix, placement and work per image. */
    public Table layerTable() {
        StringColumn name = StringColumn.create("layer"), kernel = StringColumn.create("kernel");
        IntColumn stride = IntColumn.create("stride"), side = IntColumn.create("output side"), rows = IntColumn.create("matrix rows (fan-in)"),
                cols = IntColumn.create("matrix columns (outputs)"), blocks = IntColumn.create("blocks"), arrays = IntColumn.create("arrays touched");
        LongColumn pairs = LongColumn.create("pairs"), mvms = LongColumn.create("MVMs per image"), macs = LongColumn.create("MACs per image");
        for (ResNet.LayerSpec l : layers) {
            List<Block> b = plan.blocks(l.name());
            name.append(l.name());
            kernel.append(l.dense() ? "dense" : l.kernel() + "x" + l.kernel());
            stride.append(l.stride());
            side.append(l.outSide());
            rows.append(l.fanIn());
            cols.append(l.out());
            pairs.append(plan.pairs(l.name()));
            blocks.append(b.size());
            arrays.append((int) b.stream().mapToInt(Block::array).distinct().count());
            mvms.append(l.mvms());
            macs.append(l.mvms() * l.weights());
        }
        return Table.create(title() + ": layers on 512 x 512-cell arrays", name, kernel, stride, side, rows, cols, pairs, blocks, arrays, mvms, macs);
    }

    /** The network's headline mapping figures. */
    public Table summary() {
        StringColumn what = StringColumn.create("figure");
        DoubleColumn value = DoubleColumn.create("value");
        StringColumn unit = StringColumn.create("unit");
        add(what, value, unit, "weight layers", layers.size(), "");
        add(what, value, unit, "weights (differential pairs)", weights(), "");
        add(what, value, unit, "edges kept at keep " + keepFraction, keptEdges(), "");
        add(what, value, unit, "arrays of 512 x 512 cells", plan.arrays(), "");
        add(what, value, unit, "cells in those arrays", plan.arrayCells(), "");
        add(what, value, unit, "cells holding weights", plan.cells(), "");
        add(what, value, unit, "utilisation (pairs in use)", Math.round(1000 * plan.utilisation()) / 10.0, "%");
        add(what, value, unit, "lower bound: weights / pairs per array", Math.ceil(weights() / (double) ((long) plan.arrayRows() * plan.arrayCols())), "arrays");
        add(what, value, unit, "MACs per image", workload().macs(), "");
        add(what, value, unit, "MVMs per image", layers.stream().mapToLong(ResNet.LayerSpec::mvms).sum(), "");
        add(what, value, unit, "cell state a formed macro would hold in this simulator", Math.round(plan.formedBytes() / 1e7) / 100.0, "GB");
        return Table.create(title() + ": mapping", what, value, unit);
    }

    private static void add(StringColumn w, DoubleColumn v, StringColumn u, String what, double value, String unit) {
        w.append(what);
        v.append(value);
        u.append(unit);
    }

    private String title() {
        String d = switch (shape.depth()) { case RESNET20 -> "ResNet-20"; case RESNET18 -> "ResNet-18"; case RESNET50 -> "ResNet-50"; };
        return String.format(Locale.ROOT, "%s (width %d, %d x %d, %d classes)", d, shape.width(), shape.inputSize(), shape.inputSize(), shape.classes());
    }

    /** The work of one image as the energy model sees it: one entry per weight layer, with its digital element work. */
    public Workload workload() {
        List<LayerWork> work = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            ResNet.LayerSpec l = layers.get(i);
            long in = (long) l.in() * l.inSide() * l.inSide(), out = (long) l.out() * l.outSide() * l.outSide();
            DigitalWork digital;
            if (l.dense()) {
                int last = layers.get(i - 1).outSide();   // global pooling of the last feature maps, then quantised
                digital = new DigitalWork(0, (long) l.in() * last * last, 0, in, 0);
            } else {
                boolean stem = l.name().equals("stem");
                boolean endsBlock = l.name().endsWith(shape.depth().bottleneck() ? "conv3" : "conv2");
                digital = new DigitalWork(out, stem && shape.depth().imagenetStem() ? out : 0, out, out, endsBlock ? out : 0);
            }
            work.add(new LayerWork(l.name(), l.fanIn(), l.out(), l.mvms(), keepFraction, inputBits, LayerWork.DEFAULT_OUTPUT_BITS, in, out, digital));
        }
        return new Workload(title(), work);
    }

    /** The energy model's macro for the cells of {@link #device}, with every array of the plan resident (weight-stationary). */
    public AnalogMacro analogMacro() {
        return AnalogMacro.of(device).with("arrays", plan.arrays());
    }

    /** Inference energy per image on the analogue macro. */
    public EnergyBreakdown analogInference() {
        return new AnalogEnergyModel(analogMacro()).inference(workload());
    }

    /** Inference energy per image on the energy model's GPU reference (the RTX 4090 the authors trained on). */
    public EnergyBreakdown gpuInference() {
        return new DigitalEnergyModel(DigitalProcessor.rtx4090()).inference(workload());
    }

    public Latency analogLatency() { return new AnalogEnergyModel(analogMacro()).latency(workload()); }

    public Latency gpuLatency() { return new DigitalEnergyModel(DigitalProcessor.rtx4090()).latency(workload()); }

    /**
     * Write-verify pulses per cell, measured: layer {@code layer} of this network given Kaiming-normal weights (a trained
     * network's are not at hand; the pulse count depends on the targets' spread, not their order) and programmed on a
     * real macro of the device with {@code noise}; verify pulses counted / cells.
     */
    public double measuredWriteVerifyPulsesPerCell(String layer, WriteNoise noise, long seed) {
        ResNet.LayerSpec l = layers.stream().filter(s -> s.name().equals(layer)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("layer '" + layer + "': not a layer of " + title() + "; its layers are "
                        + layers.stream().map(ResNet.LayerSpec::name).toList()));
        Nd4j.getRandom().setSeed(seed);
        INDArray w = Nd4j.randn(DataType.FLOAT, l.shape()).muli(Math.sqrt(2.0 / l.fanIn()));
        AnalogTile t = Macro.paper(device, seed).program(layer, w, noise, seed);
        return t.counters().verifyPulses() / (2.0 * t.edges());
    }

    /**
     * Programming the network's arrays, pruning against write-verify.
     *
     * @param flipsPerWeightPerEpoch mask flips (one SET or RESET each) per weight per epoch, measured on a network this
     *                               engine trained; applied to this network it is an extrapolation, labelled so
     * @param epochs                 training epochs the flips are counted over
     * @param writeVerifyPulsesPerCell verify pulses per cell ({@link #measuredWriteVerifyPulsesPerCell})
     */
    public List<ProgrammingCost> programming(double flipsPerWeightPerEpoch, int epochs, double writeVerifyPulsesPerCell) {
        if (!(flipsPerWeightPerEpoch >= 0) || epochs < 0) {
            throw new IllegalArgumentException("flipsPerWeightPerEpoch = " + flipsPerWeightPerEpoch + ", epochs = " + epochs + ": expected >= 0");
        }
        ProgrammingCostModel cost = new ProgrammingCostModel(DevicePulses.of(device), AnalogMacro.of(device));
        long pairs = weights(), pruned = pairs - keptEdges();
        List<ProgrammingCost> out = new ArrayList<>();
        out.add(relabel(cost.forming(2 * pairs), "pruning: forming (both cells of every pair)"));
        out.add(cost.maskFlips("pruning: RESET one cell of every pair, and the high cell of every pruned edge (keep " + keepFraction + ")", 0,
                pairs + pruned));
        long flips = Math.round(flipsPerWeightPerEpoch * pairs * epochs);
        out.add(cost.maskFlips(String.format(Locale.ROOT, "pruning: training flips, extrapolated (%.4g per weight per epoch x %d epochs)",
                flipsPerWeightPerEpoch, epochs), flips / 2, flips - flips / 2));
        out.add(relabel(cost.forming(2 * pairs), "write-verify: forming (both cells of every pair)"));
        out.add(relabel(cost.writeVerify(2 * pairs, writeVerifyPulsesPerCell), String.format(Locale.ROOT,
                "write-verify: trained weights, %.2f pulses per cell (measured)", writeVerifyPulsesPerCell)));
        return out;
    }

    private static ProgrammingCost relabel(ProgrammingCost c, String label) {
        return new ProgrammingCost(label, c.pulses(), c.joules(), c.seconds());
    }

    /**
     * What one image through the tile path took: the formed macro's arrays, seconds to form it (building the pruned
     * network), seconds of one evaluation forward, and the Java heap in use afterwards (the cell state lives there).
     */
    public record TileForward(int arrays, double formingSeconds, double forwardSeconds, long heapBytes) {}

    /**
     * Forms a macro of the device for this network pruned at the keep fraction (every cell formed, as a training run
     * would) and sends {@code images} random images through the tile path with {@code mvm} once, in evaluation mode.
     * ResNet-50 at 224 x 224: 182 arrays, ~0.6 GB of cell state; run with a heap of a few GB.
     */
    public TileForward tileForward(org.rramlab.crossbar.MvmConfig mvm, int images, long seed) {
        if (mvm == null || images < 1) throw new IllegalArgumentException("mvm and images >= 1 expected, got " + mvm + ", " + images);
        long t0 = System.nanoTime();
        Macro macro = Macro.paper(device, seed);
        Sequential net = ResNet.build(WeightsProvider.pruned(org.rramlab.prune.TileEdges.factory(macro),
                new org.rramlab.prune.PruneConfig(keepFraction, org.rramlab.prune.FlipLimit.NONE), new org.rramlab.prune.ProgrammingLedger())
                .withMvm(mvm), shape, seed);
        long t1 = System.nanoTime();
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, images, shape.inputChannels(), shape.inputSize(), shape.inputSize());
        INDArray y = net.forward(x, false);
        long t2 = System.nanoTime();
        if (y.size(0) != images || y.size(1) != shape.classes()) throw new IllegalStateException("tile forward gave " + Arrays.toString(y.shape()));
        Runtime rt = Runtime.getRuntime();
        return new TileForward(macro.arrays().size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Seconds of one training step of {@code shape} with trained software weights on this machine: forward, backward and
     * an SGD step at {@code batch}, the median of {@code steps} after one warm-up step. An estimate of the engine's
     * cost, not a benchmark (no alternation, no comparison).
     */
    public static double measuredStepSeconds(ResNet.Shape shape, int batch, int steps, long seed) {
        if (batch < 1) throw new IllegalArgumentException("batch = " + batch + ": expected >= 1");
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, shape.inputChannels(), shape.inputSize(), shape.inputSize());
        return measuredStepSeconds(ResNet.build(WeightsProvider.trained(), shape, seed), x, steps);
    }

    /**
     * Seconds of one training step of {@code net} (as built: on its tiles and chains, pruned or trained) on input
     * {@code x}: forward, backward of a fixed output gradient, an SGD step; the median of {@code steps} after a warm-up.
     */
    public static double measuredStepSeconds(Sequential net, INDArray x, int steps) {
        if (net == null || x == null || steps < 1) throw new IllegalArgumentException("net, x and steps >= 1 expected, got steps = " + steps);
        Sgd sgd = new Sgd(0.9, 5e-4);
        double[] t = new double[steps];
        for (int s = -1; s < steps; s++) {
            long t0 = System.nanoTime();
            INDArray y = net.forward(x, true);
            net.backward(y.mul(1.0 / x.size(0)));
            sgd.step(net.params(), 0.01);
            if (s >= 0) t[s] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[steps / 2];
    }
}
