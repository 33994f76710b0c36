package org.rramlab.bench;

import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.crossbar.Macro;
import org.rramlab.layers.PixelCrossEntropy;
import org.rramlab.layers.Sequential;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.experiment.Experiment;
import org.rramlab.experiment.ExperimentSpec;
import org.rramlab.experiment.NetworkSpec;
import org.rramlab.experiment.Presets;
import org.rramlab.experiment.Profile;
import org.rramlab.experiment.RetinaFigures;
import org.rramlab.layers.BilinearUpsample2d;
import org.rramlab.network.UNet;
import org.rramlab.train.Adam;

/**
 * Seconds per epoch of the edge-pruned U-Net (random device weights, 6-bit inputs, keep 0.5) on 48×48 patches:
 * times training steps (forward, backward, mask update, Adam) and evaluation batches, then extrapolates to the
 * paper's epoch (5000 training patches in batches of 64, plus 1000 test patches). Prints peak memory and how many
 * 512×512 arrays the network needs.
 *
 * <p>Usage: {@code java -cp 'lib-src/target/notebook-lib/*' org.rramlab.bench.UNetBenchmark [base=32] [steps=5] [batch=64] [chain=paper|noise|ideal]}.
 * Set {@code OMP_WAIT_POLICY=PASSIVE} (see the reproduction notes).
 */
public final class UNetBenchmark {
    private UNetBenchmark() {}

    public static void main(String[] args) {
        int base = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int trainPatches = 5000, testPatches = 1000, side = 48;
        RetinaFigures.PeakMemory memory = RetinaFigures.PeakMemory.start();
        String chain = args.length > 3 ? args[3] : "paper";
        ExperimentSpec spec = Presets.get("retina", Profile.PAPER).withNetwork(new NetworkSpec.UNetNet(base, 6, BilinearUpsample2d.Corners.ALIGNED))
                .withMvm(switch (chain) {
                    case "ideal" -> MvmConfig.ideal();
                    case "noise" -> MvmConfig.readNoiseOnly();
                    case "paper" -> MvmConfig.paper();
                    default -> throw new IllegalArgumentException("argument 4 (chain) = " + chain + ": expected ideal, noise or paper");
                });
        long tb = System.nanoTime();
        Sequential model = Experiment.network(spec);
        double build = (System.nanoTime() - tb) / 1e9;
        System.out.printf(Locale.ROOT, "U-Net base %d: %,d weights, built (cells formed) in %.1f s; batch %d, %dx%d patches, chain %s, OMP_WAIT_POLICY=%s%n",
                base, UNet.weightCount(base), build, batch, side, side, spec.mvm().base(), System.getenv("OMP_WAIT_POLICY"));
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 1, side, side);
        INDArray truth = Nd4j.rand(DataType.FLOAT, batch, 1, side, side).gt(0.9).castTo(DataType.FLOAT);
        Adam adam = new Adam(5e-4);
        var params = model.params();
        double[] train = new double[steps + 1];
        for (int s = 0; s <= steps; s++) {   // step 0 warms up
            long t0 = System.nanoTime();
            PixelCrossEntropy.Result r = PixelCrossEntropy.evaluate(model.forward(x, true), truth);
            model.backward(r.gradLogits());
            adam.step(params, 1e-4);
            org.rramlab.train.NativeMemory.collectIfAbove(org.rramlab.train.NativeMemory.DEFAULT_BUDGET_BYTES);
            train[s] = (System.nanoTime() - t0) / 1e9;
        }
        double[] eval = new double[Math.max(2, steps / 2 + 1)];
        for (int s = 0; s < eval.length; s++) {
            long t0 = System.nanoTime();
            PixelCrossEntropy.vesselProbability(model.forward(x, false));
            eval[s] = (System.nanoTime() - t0) / 1e9;
        }
        double trainStep = mean(train, 1), evalStep = mean(eval, 1);
        double flop = 0;
        for (UNet.ConvSpec conv : UNet.convs(base)) {
            int level = conv.name().startsWith("enc") ? conv.name().charAt(3) - '0' : conv.name().startsWith("dec") ? 3 - (conv.name().charAt(3) - '0') : 0;
            flop += 2.0 * conv.weights() * (side >> level) * (side >> level) * batch;
        }
        int trainBatches = (trainPatches + batch - 1) / batch, testBatches = (testPatches + batch - 1) / batch;
        double epoch = trainBatches * trainStep + testBatches * evalStep;
        System.out.printf(Locale.ROOT, "train step %.3f s (%.1f GFLOP/s counting 3x forward conv FLOPs), eval batch %.3f s (%.1f GFLOP/s)%n",
                trainStep, 3 * flop / trainStep / 1e9, evalStep, flop / evalStep / 1e9);
        System.out.printf(Locale.ROOT, "seconds per epoch (%d train patches + %d test patches): %.1f s; 60 epochs: %.1f h%n",
                trainPatches, testPatches, epoch, 60 * epoch / 3600);
        Macro macro = org.rramlab.layers.Layers.macro(model);
        System.out.printf(Locale.ROOT, "runs on %d arrays of %d x %d cells (utilisation %.1f %%)%n",
                macro.arrays().size(), macro.arrayRows(), 2 * macro.arrayCols(), 100 * macro.utilisation());
        System.out.println(memory.stop());
    }

    private static double mean(double[] v, int from) {
        double s = 0;
        for (int i = from; i < v.length; i++) s += v[i];
        return s / (v.length - from);
    }
}
