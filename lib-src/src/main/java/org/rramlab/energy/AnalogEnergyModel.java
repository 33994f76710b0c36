package org.rramlab.energy;

import static org.rramlab.energy.EnergyBreakdown.*;

/**
 * Energy and latency of a {@link Workload} on an {@link AnalogMacro}, weight-stationary (every weight already on an
 * array: reprogramming to time-share arrays is not charged; {@link Workload#arraysNeeded} says how many that takes).
 *
 * <p>Per inference and layer, with k = keep fraction, Gf = formed and Goff = off conductance:
 * <ul>
 *   <li>array read: mvms x rows x cols x [k (Gf + Goff) + (1 - k) 2 Goff] x V^2 x meanInputSquare x t_read
 *       (both cells of each differential pair conduct; a pruned pair reads two low cells); for a workload read off a
 *       run's tiles ({@link RunEnergy}) the bracket is the tiles' measured mean pair conductance;</li>
 *   <li>DAC: mvms x rows x colTiles x inputBits x E_dac/bit (each column tile has its own row drivers);</li>
 *   <li>ADC: mvms x cols x rowTiles x FOM_W x 2^adcBits (the pair is subtracted in current, one conversion per
 *       logical column per row tile);</li>
 *   <li>digital periphery: (element work + one rescale per ADC output + partial-sum adds across row tiles) x E_op;</li>
 *   <li>data movement: (inputElements x inputBits + outputElements x outputBits) / 8 bytes x E_SRAM/byte.</li>
 * </ul>
 * A training step (hardware in the loop) adds, per sample, the backward pass through the array for every layer but
 * the first (transposed read: same array energy, DAC and ADC swap sides), the weight gradient dL/dW = delta x input
 * in digital MACs, twice the forward data movement (stored activations and gradients), and per step the score update
 * with momentum and weight decay plus the top-k threshold ({@value #OPS_PER_SCORE_UPDATE} ops per weight).
 */
public record AnalogEnergyModel(AnalogMacro macro) {

    /** Momentum, weight decay, step, |score|, threshold selection: operations per weight per training step. */
    public static final int OPS_PER_SCORE_UPDATE = 6;

    public AnalogEnergyModel {
        if (macro == null) {
            throw new IllegalArgumentException("macro: is null, expected an AnalogMacro (e.g. AnalogMacro.taox40nm())");
        }
    }

    /** Energy of one inference (one sample), labelled with the workload's name (short: it names a chart's bar). */
    public EnergyBreakdown inference(Workload w) {
        EnergyBreakdown.Builder b = new EnergyBreakdown.Builder(w.name(),
                ARRAY, DAC, ADC, PERIPHERY, DATA_MOVEMENT);
        for (LayerWork l : w.layers()) {
            addForward(b, l);
        }
        return b.build();
    }

    /** Energy of one training step of {@code batchSize} samples (forward + backward + score update). */
    public EnergyBreakdown trainingStep(Workload w, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: " + batchSize + ", expected >= 1");
        }
        EnergyBreakdown.Builder b = new EnergyBreakdown.Builder(w.name() + ", analogue training step (batch "
                + batchSize + ")", ARRAY, DAC, ADC, PERIPHERY, DATA_MOVEMENT, BACKWARD_ARRAY, WEIGHT_GRADIENT,
                SCORE_UPDATE);
        EnergyBreakdown.Builder one = new EnergyBreakdown.Builder("one sample");
        boolean first = true;
        for (LayerWork l : w.layers()) {
            addForward(one, l);
            one.add(DATA_MOVEMENT, 2 * dataMovement(l));
            if (!first) {
                one.add(BACKWARD_ARRAY, arrayRead(l) + l.mvms() * (double) l.cols() * l.rowTiles(size())
                        * macro.dacConversionEnergy(LayerWork.DEFAULT_OUTPUT_BITS)
                        + l.mvms() * (double) l.rows() * l.colTiles(size()) * macro.adcConversionEnergy());
            }
            one.add(WEIGHT_GRADIENT, l.macs() * macro.peripheryMacEnergy().value() * 1e-12);
            first = false;
        }
        for (var e : one.build().joules().entrySet()) {
            b.add(e.getKey(), e.getValue() * batchSize);
        }
        b.add(SCORE_UPDATE, w.weights() * (double) OPS_PER_SCORE_UPDATE * macro.peripheryOpEnergy().value() * 1e-12);
        return b.build();
    }

    /** Time of one inference; tiles run one after another when there are fewer arrays than tiles. */
    public Latency latency(Workload w) {
        int n = size();
        double arrays = macro.arrays().value();
        int adcsPerArray = Math.max(1, (int) (n / 2 / macro.columnsPerAdc().value()));
        double array = 0, adc = 0;
        for (LayerWork l : w.layers()) {
            int tiles = l.rowTiles(n) * l.colTiles(n);
            double rounds = Math.ceil(tiles / arrays);
            int colsInTile = Math.min(l.cols(), n / 2);
            int conversionsInTurn = LayerWork.ceilDiv(colsInTile, adcsPerArray);
            array += l.mvms() * rounds * macro.readPulse().value() * 1e-9;
            adc += l.mvms() * rounds * conversionsInTurn * macro.adcConversionTime().value() * 1e-9;
        }
        double digital = peripheryOperations(w) / (macro.peripheryThroughput().value() * 1e9);
        return new Latency(w.name() + ", analogue", array, adc, digital);
    }

    /** Digital periphery operations per inference: element work, ADC rescale, partial sums across row tiles. */
    public long peripheryOperations(Workload w) {
        return w.layers().stream().mapToLong(this::peripheryOperations).sum();
    }

    /** Element work, one rescale per ADC output, and the adds that join the partial sums of the row tiles. */
    private long peripheryOperations(LayerWork l) {
        int rowTiles = l.rowTiles(size());
        return l.digital().operations() + l.mvms() * l.cols() * (2L * rowTiles - 1);
    }

    private void addForward(EnergyBreakdown.Builder b, LayerWork l) {
        int n = size();
        b.add(ARRAY, arrayRead(l));
        b.add(DAC, l.mvms() * (double) l.rows() * l.colTiles(n) * macro.dacConversionEnergy(l.inputBits()));
        b.add(ADC, l.mvms() * (double) l.cols() * l.rowTiles(n) * macro.adcConversionEnergy());
        b.add(PERIPHERY, peripheryOperations(l) * macro.peripheryOpEnergy().value() * 1e-12);
        b.add(DATA_MOVEMENT, dataMovement(l));
    }

    private double arrayRead(LayerWork l) {
        double k = l.keepFraction();
        double gf = macro.formedConductance().value(), goff = macro.offConductance().value();
        double meanPairConductance = Double.isNaN(l.pairConductanceUs()) ? k * (gf + goff) + (1 - k) * 2 * goff : l.pairConductanceUs();
        return l.mvms() * (double) l.weights() * macro.cellReadEnergy(meanPairConductance)
                * macro.meanInputSquare().value();
    }

    private double dataMovement(LayerWork l) {
        double bytes = (l.inputElements() * (double) l.inputBits() + l.outputElements() * (double) l.outputBits()) / 8;
        return bytes * macro.sramEnergyPerByte().value() * 1e-12;
    }

    private int size() {
        return macro.arrayCells();
    }
}
