package org.rramlab.energy;

import static org.junit.jupiter.api.Assertions.*;
import static org.rramlab.energy.EnergyBreakdown.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnalogEnergyModelTest {

    /** 0.2 V, 10 ns, Gf 10 uS, Goff 0, meanInputSquare 0.25, 25 fJ/bit DAC, 8-bit ADC at 10 fJ/step, 0.1 pJ/op. */
    private static final AnalogMacro MACRO = AnalogMacro.taox40nm().with("formedConductance", 10)
            .with("offConductance", 0);

    /** One MVM, 2 inputs x 1 output, every edge kept, 4-bit inputs, 8-bit output. */
    private static Workload tiny(int rows, double keep) {
        LayerWork l = new LayerWork("l", rows, 1, 1, keep, 4, 8, rows, 1, DigitalWork.NONE);
        return new Workload("tiny", List.of(l));
    }

    @Test
    void handComputedInference() {
        EnergyBreakdown e = new AnalogEnergyModel(MACRO).inference(tiny(2, 1.0));
        // cell: 0.2^2 V^2 x 10e-6 S x 10e-9 s = 4e-15 J; 2 cells x 0.25 mean input square
        assertEquals(2e-15, e.part(ARRAY), 1e-27);
        // 2 rows x 1 column tile x 4 bits x 25 fJ
        assertEquals(200e-15, e.part(DAC), 1e-27);
        // 1 column x 1 row tile x 10 fJ x 2^8
        assertEquals(2.56e-12, e.part(ADC), 1e-24);
        // one rescale of the ADC output x 0.1 pJ
        assertEquals(0.1e-12, e.part(PERIPHERY), 1e-24);
        // (2 inputs x 4 bits + 1 output x 8 bits) / 8 = 2 bytes x 1.25 pJ
        assertEquals(2.5e-12, e.part(DATA_MOVEMENT), 1e-24);
        assertEquals(2e-15 + 200e-15 + 2.56e-12 + 0.1e-12 + 2.5e-12, e.total(), 1e-24);
    }

    @Test
    void arrayEnergyFollowsVSquaredGAndT() {
        Workload w = tiny(2, 1.0);
        double base = new AnalogEnergyModel(MACRO).inference(w).part(ARRAY);
        assertEquals(4 * base, new AnalogEnergyModel(MACRO.with("readVoltage", 0.4)).inference(w).part(ARRAY), 1e-27);
        assertEquals(3 * base, new AnalogEnergyModel(MACRO.with("readPulse", 30)).inference(w).part(ARRAY), 1e-27);
        assertEquals(2 * base, new AnalogEnergyModel(MACRO.with("formedConductance", 20)).inference(w).part(ARRAY),
                1e-27);
    }

    @Test
    void prunedPairsReadTwoOffCells() {
        AnalogMacro m = MACRO.with("offConductance", 1);
        // keep 0.5: mean pair conductance 0.5 (10 + 1) + 0.5 x 2 x 1 = 6.5 uS; 2 pairs x 0.25 x 0.04 x 6.5e-6 x 1e-8
        double expected = 2 * 0.25 * 0.04 * 6.5e-6 * 1e-8;
        assertEquals(expected, new AnalogEnergyModel(m).inference(tiny(2, 0.5)).part(ARRAY), 1e-27);
    }

    @Test
    void adcEnergyDoublesPerBitAndRowTile() {
        double base = new AnalogEnergyModel(MACRO).inference(tiny(2, 1)).part(ADC);
        assertEquals(2 * base, new AnalogEnergyModel(MACRO.with("adcBits", 9)).inference(tiny(2, 1)).part(ADC), 1e-24);
        // 513 rows need two arrays along the rows: two partial sums to convert, rescale (2 ops) and add (1 op)
        EnergyBreakdown tiled = new AnalogEnergyModel(MACRO).inference(tiny(513, 1));
        assertEquals(2 * base, tiled.part(ADC), 1e-24);
        assertEquals(0.3e-12, tiled.part(PERIPHERY), 1e-24);
    }

    @Test
    void dacsWiderThanTheInputCostTheirOwnResolution() {
        double base = new AnalogEnergyModel(MACRO).inference(tiny(2, 1)).part(DAC);
        // 4-bit inputs on 16-bit DACs: 16 bits' worth per conversion
        assertEquals(4 * base, new AnalogEnergyModel(MACRO.with("dacMinimumBits", 16)).inference(tiny(2, 1))
                .part(DAC), 1e-27);
        assertEquals(base, new AnalogEnergyModel(MACRO.with("dacMinimumBits", 3)).inference(tiny(2, 1)).part(DAC),
                1e-27);
    }

    @Test
    void theTestChipAsBuiltCostsMoreThanTheOptimisedMacro() {
        Workload w = PaperWorkloads.fashionCnn();
        EnergyBreakdown built = new AnalogEnergyModel(AnalogMacro.testChipAsBuilt()).inference(w);
        EnergyBreakdown optimised = new AnalogEnergyModel(AnalogMacro.taox40nm()).inference(w);
        // 14- instead of 8-bit ADCs: 2^6 = 64x the conversion energy, same number of conversions
        assertEquals(64 * optimised.part(ADC), built.part(ADC), 1e-18);
        assertEquals(optimised.part(ARRAY), built.part(ARRAY), 0, "same array, same read");
        assertTrue(built.total() > optimised.total());
    }

    @Test
    void trainingStepAddsBatchTimesSampleAndOneScoreUpdate() {
        Workload w = tiny(2, 1.0);
        AnalogEnergyModel model = new AnalogEnergyModel(MACRO);
        EnergyBreakdown one = model.trainingStep(w, 1);
        EnergyBreakdown ten = model.trainingStep(w, 10);
        // 2 weights x 6 ops x 0.1 pJ per step, whatever the batch
        assertEquals(1.2e-12, ten.part(SCORE_UPDATE), 1e-24);
        assertEquals(10 * (one.total() - one.part(SCORE_UPDATE)), ten.total() - ten.part(SCORE_UPDATE), 1e-22);
        // weight gradient: 2 MACs x 4.6 pJ per sample
        assertEquals(9.2e-12, one.part(WEIGHT_GRADIENT), 1e-24);
        // forward data movement counted three times (forward, stored activations, gradients)
        assertEquals(3 * 2.5e-12, one.part(DATA_MOVEMENT), 1e-24);
        assertEquals(0, one.part(BACKWARD_ARRAY), "the first layer needs no input gradient");
    }

    @Test
    void latencyOfOneTileIsReadPulsePlusConversionsInTurn() {
        // 1 column, 512/2/8 = 32 ADCs: one conversion round; 10 ns read + 10 ns ADC; 1 op at 10 Gop/s = 0.1 ns
        Latency l = new AnalogEnergyModel(MACRO).latency(tiny(2, 1));
        assertEquals(10e-9, l.arraySeconds(), 1e-18);
        assertEquals(10e-9, l.adcSeconds(), 1e-18);
        assertEquals(0.1e-9, l.digitalSeconds(), 1e-18);
        // two tiles on the single array run one after the other
        assertEquals(20e-9, new AnalogEnergyModel(MACRO).latency(tiny(513, 1)).arraySeconds(), 1e-18);
        assertEquals(10e-9, new AnalogEnergyModel(MACRO.with("arrays", 2)).latency(tiny(513, 1)).arraySeconds(),
                1e-18);
    }

    @Test
    void sameInputsGiveIdenticalNumbers() {
        Workload w = PaperWorkloads.fashionCnn();
        assertEquals(new AnalogEnergyModel(AnalogMacro.taox40nm()).inference(w),
                new AnalogEnergyModel(AnalogMacro.taox40nm()).inference(w));
    }
}
