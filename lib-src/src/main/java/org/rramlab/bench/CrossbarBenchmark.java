package org.rramlab.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.crossbar.Crossbar;
import org.rramlab.crossbar.MvmConfig;
import org.rramlab.device.DeviceModel;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Speed of the full noisy multiply chain on an array of 512 x 512 pairs with a batch of 128 inputs (4-bit DAC, fresh read
 * noise, 14-bit ADC: {@link MvmConfig#paper(int)}), against a plain ND4J matmul of the same shape in the same run.
 * The goal: the chain at >= 50 % of the plain matmul's throughput. The chain is timed with fresh read-noise draws
 * (exact) and with the pooled draws ({@link MvmConfig.Sampling#POOLED}); for reference also with a separate read per
 * input vector ({@link MvmConfig.Sampling#PER_VECTOR}). Run with OMP_WAIT_POLICY=PASSIVE:
 * {@code mvn -q -o -pl lib-src exec:java -Dexec.mainClass=org.rramlab.bench.CrossbarBenchmark}
 * (arguments: rounds, iterations per round; defaults 11 and 200). Prints the median of the rounds.
 */
public final class CrossbarBenchmark {
    private CrossbarBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int batch = 128, n = 512;
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, n);
        Crossbar noisy = formed(n), ideal = formed(n), pooled = formed(n), perVector = formed(n);
        MvmConfig paper = MvmConfig.paper(4), exact = MvmConfig.ideal(), pooledChain = paper.withSampling(MvmConfig.Sampling.POOLED),
                perVectorChain = paper.withSampling(MvmConfig.Sampling.PER_VECTOR);
        INDArray w = noisy.difference();
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, batch, n);

        double flops = 2.0 * batch * n * n;
        System.out.printf(Locale.ROOT, "crossbar %dx%d, batch %d, %s, %d rounds x %d multiplies, OMP_WAIT_POLICY=%s%nread-noise sampler: %s%n",
                n, n, batch, MvmConfig.paper(4), rounds, iterations, System.getenv("OMP_WAIT_POLICY"), org.rramlab.device.GaussianNoise.sampler());
        // Rounds interleave the three so that load from other processes hits them alike; medians are printed.
        Supplier<Object> plainCall = () -> Nd4j.gemm(x, w, out, false, false, 1.0, 0.0), idealCall = () -> ideal.mvm(x, exact),
                chainCall = () -> noisy.mvm(x, paper), pooledCall = () -> pooled.mvm(x, pooledChain), perVectorCall = () -> perVector.mvm(x, perVectorChain);
        for (Supplier<Object> warm : java.util.List.of(plainCall, idealCall, chainCall, pooledCall, perVectorCall)) {
            meanMs(iterations, warm);
        }
        double[] plainMs = new double[rounds], idealMs = new double[rounds], chainMs = new double[rounds],
                pooledMs = new double[rounds], perVectorMs = new double[rounds];
        double[] ratio = new double[rounds], pooledRatio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            plainMs[r] = meanMs(iterations, plainCall);
            idealMs[r] = meanMs(iterations, idealCall);
            chainMs[r] = meanMs(iterations, chainCall);
            pooledMs[r] = meanMs(iterations, pooledCall);
            perVectorMs[r] = meanMs(iterations, perVectorCall);
            ratio[r] = plainMs[r] / chainMs[r];
            pooledRatio[r] = plainMs[r] / pooledMs[r];
        }
        double plain = median(plainMs), idealChain = median(idealMs), chain = median(chainMs);
        System.out.printf(Locale.ROOT, "plain ND4J matmul      %.3f ms  (%.1f GFLOP/s)%n", plain, flops / plain / 1e6);
        System.out.printf(Locale.ROOT, "ideal chain            %.3f ms  (%.0f %% of matmul throughput)%n",
                idealChain, 100 * plain / idealChain);
        System.out.printf(Locale.ROOT, "full noisy chain       %.3f ms  (%.0f %% of matmul throughput; goal >= 50 %%)%n",
                chain, 100 * plain / chain);
        System.out.printf(Locale.ROOT, "full chain, pooled     %.3f ms  (%.0f %% of matmul throughput; goal >= 50 %%)%n",
                median(pooledMs), 100 * plain / median(pooledMs));
        System.out.printf(Locale.ROOT, "full chain, per vector %.3f ms  (%.0f %% of matmul throughput; a read per input)%n",
                median(perVectorMs), 100 * plain / median(perVectorMs));
        System.out.printf(Locale.ROOT, "median per-round throughput ratio to matmul: fresh %.0f %%, pooled %.0f %%%n",
                100 * median(ratio), 100 * median(pooledRatio));
    }

    /** A 512 x 512-pair array (two paper arrays' worth: a 128 x 512 x 512 product), formed as random pairs. */
    private static Crossbar formed(int n) {
        Crossbar c = new Crossbar(n, n, DeviceModel.taox40nm(), 1);
        c.formDifferential();
        return c;
    }

    private static double meanMs(int iterations, Supplier<Object> call) {
        long t = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            call.get();
        }
        return (System.nanoTime() - t) / 1e6 / iterations;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}
