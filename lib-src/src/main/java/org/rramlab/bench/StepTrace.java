package org.rramlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.layers.Buffers;
import org.rramlab.layers.CrossEntropy;
import org.rramlab.layers.Layer;
import org.rramlab.layers.LayerWeights;
import org.rramlab.layers.MaskedConv2d;
import org.rramlab.layers.MaskedDense;
import org.rramlab.layers.Param;
import org.rramlab.layers.Sequential;
import org.rramlab.network.Models;
import org.rramlab.train.NativeMemory;
import org.rramlab.train.Sgd;
import org.rramlab.train.TrainConfig;

/**
 * Where a training step's time goes, layer by layer: the comparison's MLP or paper CNN (the same networks and
 * batches as {@link VsPytorchBenchmark}) on random inputs, each top-level layer wrapped so that its forward, its
 * backward and its weights' mask update (timed apart, before the forward) are timed, plus the loss and SGD.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp 'lib-src/target/notebook-lib/*' org.rramlab.bench.StepTrace mlp|cnn [STEPS] [WARMUP]</pre>
 *
 * Prints milliseconds per step (means over STEPS, default 300, after WARMUP steps, default 50). Wall time of one
 * process: compare two codes by alternating runs, never against figures of another day.
 */
public final class StepTrace {
    private StepTrace() {}

    /** A layer whose calls are timed; the mask update of its weights is timed on its own first. */
    static final class Timed implements Layer {
        final Layer inner;
        long maskNanos, forwardNanos, backwardNanos;

        Timed(Layer inner) { this.inner = inner; }

        @Override public INDArray forward(INDArray x, boolean training) {
            LayerWeights w = inner instanceof MaskedDense d ? d.layerWeights() : inner instanceof MaskedConv2d c ? c.layerWeights() : null;
            long t0 = System.nanoTime();
            if (w != null) w.weights(training);   // the mask update; the layer's own call below then finds it done
            long t1 = System.nanoTime();
            INDArray y = inner.forward(x, training);
            long t2 = System.nanoTime();
            maskNanos += t1 - t0;
            forwardNanos += t2 - t1;
            return y;
        }

        @Override public INDArray backward(INDArray gradOut) {
            long t0 = System.nanoTime();
            INDArray g = inner.backward(gradOut);
            backwardNanos += System.nanoTime() - t0;
            return g;
        }

        @Override public List<Param> params() { return inner.params(); }
        @Override public List<Layer> children() { return List.of(inner); }
        @Override public String describe() { return inner.describe(); }
        void reset() { maskNanos = forwardNanos = backwardNanos = 0; }
    }

    public static void main(String[] args) {
        if (args.length < 1 || !(args[0].equals("mlp") || args[0].equals("cnn"))) {
            System.err.println("usage: StepTrace mlp|cnn [STEPS] [WARMUP]");
            System.exit(2);
        }
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 300, warmup = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        System.out.print(trace(args[0], steps, warmup));
    }

    /** The table for {@code network} (mlp or cnn), {@code steps} timed after {@code warmup}. */
    static String trace(String network, int steps, int warmup) {
        if (steps < 1 || warmup < 0) throw new IllegalArgumentException("steps: expected >= 1 and warm-up >= 0, got " + steps + ", " + warmup);
        boolean mlp = network.equals("mlp");
        Sequential base = mlp ? Models.mlp(VsPytorchBenchmark.signedConstant(), VsPytorchBenchmark.MLP_HIDDEN, 1)
                : Models.fashionCnn(VsPytorchBenchmark.signedConstant(), 4, 1);
        int batch = mlp ? VsPytorchBenchmark.MLP_BATCH : TrainConfig.fashionPaper().batchSize();
        List<Timed> timed = new ArrayList<>();
        for (Layer layer : base.children()) timed.add(new Timed(layer));
        Sequential model = new Sequential(new ArrayList<Layer>(timed));
        Nd4j.getRandom().setSeed(1);
        INDArray x = mlp ? Nd4j.rand(DataType.FLOAT, batch, 784) : Nd4j.rand(DataType.FLOAT, batch, 1, 28, 28);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) labels[i] = i % 10;
        Sgd sgd = new Sgd(0.9, 5e-4);
        List<Param> params = model.params();
        long loss = 0, optimiser = 0, total = 0;
        for (int s = 0; s < warmup + steps; s++) {
            if (s == warmup) {
                timed.forEach(Timed::reset);
                loss = optimiser = total = 0;
            }
            long t0 = System.nanoTime();
            INDArray out = model.forward(x, true);
            long t1 = System.nanoTime();
            CrossEntropy.Result r = CrossEntropy.evaluate(out, labels);
            long t2 = System.nanoTime();
            INDArray gradInput = model.backward(r.gradLogits());
            long t3 = System.nanoTime();
            sgd.step(params, 0.01);
            long t4 = System.nanoTime();
            Buffers.free(gradInput, r.gradLogits(), out);
            NativeMemory.collectIfAbove(NativeMemory.DEFAULT_BUDGET_BYTES);
            loss += t2 - t1;
            optimiser += t4 - t3;
            total += System.nanoTime() - t0;
        }
        double perStep = 1e6 * steps;
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%s, batch %d, %d steps after %d (ms per step)%n", network, batch, steps, warmup));
        table.append(String.format(Locale.ROOT, "%-28s %8s %8s %8s%n", "layer", "mask", "forward", "backward"));
        for (Timed t : timed) {
            table.append(String.format(Locale.ROOT, "%-28s %8.3f %8.3f %8.3f%n", t.describe(), t.maskNanos / perStep, t.forwardNanos / perStep, t.backwardNanos / perStep));
        }
        table.append(String.format(Locale.ROOT, "loss %.3f, SGD %.3f, whole step %.3f%n", loss / perStep, optimiser / perStep, total / perStep));
        return table.toString();
    }
}
