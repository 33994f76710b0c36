package org.rramlab.study;

import org.rramlab.crossbar.Adc;
import org.rramlab.crossbar.Crossbar;
import org.rramlab.crossbar.InputDac;
import org.rramlab.crossbar.MvmConfig;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rramlab.device.DeviceModel;
import org.rramlab.device.ReadNoise;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * How far the analogue multiply is from the ideal one as the chain's settings vary. The error of a setting is
 * ||y - y_ideal|| / ||y_ideal|| on a batch of inputs uniform in [0, 1] (like post-ReLU activations), averaged over
 * {@code reads} multiplies, on one randomly formed array whose pairs are half pruned (keep fraction 0.5). Every
 * multiply goes through {@link Crossbar#mvm}, the chain the networks' layers use.
 */
public final class MvmErrorSweep {
    private final DeviceModel device;
    private final int rows, cols, batch, reads;
    private final long seed;
    private final INDArray x;

    /**
     * @param device the cells (the read-noise sweep overrides its read noise)
     * @param rows   array rows (inputs)
     * @param cols   array pair columns (outputs)
     * @param batch  inputs per multiply
     * @param reads  multiplies averaged per point
     */
    public MvmErrorSweep(DeviceModel device, int rows, int cols, int batch, int reads, long seed) {
        if (batch <= 0 || reads <= 0) {
            throw new IllegalArgumentException("batch = " + batch + ", reads = " + reads + ": expected both > 0");
        }
        this.device = device;
        this.rows = rows;
        this.cols = cols;
        this.batch = batch;
        this.reads = reads;
        this.seed = seed;
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        float[] inputs = new float[Math.multiplyExact(batch, rows)];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextFloat();   // own generator: the sweep leaves ND4J's global seed alone
        }
        this.x = Nd4j.create(inputs, new long[]{batch, rows}, 'c');
    }

    /** Relative error of one chain setting (on this device). */
    public double error(MvmConfig config) {
        return error(device, config);
    }

    private double error(DeviceModel d, MvmConfig config) {
        Crossbar array = new Crossbar(rows, cols, d, seed);
        array.formDifferential();
        array.pruneAtRandom(0.5);
        INDArray ideal = x.mmul(array.difference());
        double norm = ideal.norm2Number().doubleValue(), sum = 0;
        for (int r = 0; r < reads; r++) {
            sum += array.mvm(x, config).subi(ideal).norm2Number().doubleValue() / norm;
        }
        return sum / reads;
    }

    /** Error vs bits: DAC alone, ADC alone (min-max range), both; no read noise. */
    public Table versusBits(int... bits) {
        IntColumn b = IntColumn.create("bits");
        DoubleColumn dac = DoubleColumn.create("DAC only"), adc = DoubleColumn.create("ADC only"),
                both = DoubleColumn.create("DAC and ADC");
        for (int n : bits) {
            b.append(n);
            dac.append(error(MvmConfig.ideal().withDac(InputDac.bits(n))));
            adc.append(error(MvmConfig.ideal().withAdc(Adc.minMax(n))));
            both.append(error(MvmConfig.ideal().withDac(InputDac.bits(n)).withAdc(Adc.minMax(n))));
        }
        return Table.create("relative MVM error vs converter bits (" + rows + "x" + cols + ")", b, dac, adc, both);
    }

    /** Error vs relative read noise, alone and with the paper's periphery (4-bit DAC, 14-bit ADC). */
    public Table versusReadNoise(double... relative) {
        DoubleColumn rel = DoubleColumn.create("read noise (std / G)");
        DoubleColumn alone = DoubleColumn.create("read noise only"), paper = DoubleColumn.create("with 4-bit DAC, 14-bit ADC");
        for (double r : relative) {
            DeviceModel d = device.withReadNoise(new ReadNoise(r, 0));
            rel.append(r);
            alone.append(error(d, MvmConfig.ideal().withReadNoise(true)));
            paper.append(error(d, MvmConfig.paper(4)));
        }
        return Table.create("relative MVM error vs read noise (" + rows + "x" + cols + ")", rel, alone, paper);
    }
}
