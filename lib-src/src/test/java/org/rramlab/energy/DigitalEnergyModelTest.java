package org.rramlab.energy;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class DigitalEnergyModelTest {

    /** 100 inputs x 10 outputs, one MVM: 1000 MACs, 110 activation elements, 1000 weights. */
    private static final Workload W = new Workload("fc", List.of(
            new LayerWork("fc", 100, 10, 1, 0.5, 4, 8, 100, 10, new DigitalWork(10, 0, 0, 0, 0))));

    /** RTX 4090 with activations all in DRAM, batch 10, 50 % utilisation. */
    private static final DigitalProcessor GPU = DigitalProcessor.rtx4090().with("activationDramFraction", 1)
            .with("batchSize", 10).with("utilisation", 0.5);

    @Test
    void flopsAndBytesByHand() {
        assertEquals(2 * 1000 + 10, DigitalEnergyModel.inferenceFlops(W));
        // (110 activations + 1000 weights / 10) x 4 bytes
        assertEquals(840, new DigitalEnergyModel(GPU).inferenceBytes(W), 1e-9);
    }

    @Test
    void boardEnergyIsPowerTimesRooflineTime() {
        DigitalProcessor noOverhead = GPU.with("layerOverhead", 0);
        double compute = 2010 / (82.6e12 * 0.5);
        double memory = 840 / 1008e9;
        assertTrue(memory > compute, "this case is memory bound");
        assertEquals(450 * memory, new DigitalEnergyModel(noOverhead).inference(W).total(), 1e-18);
        assertEquals(memory, new DigitalEnergyModel(noOverhead).latency(W).totalSeconds(), 1e-21);
    }

    @Test
    void layerOverheadIsSharedByTheBatch() {
        // 1 layer x 10 us per batch of 10 = 1 us per sample on top of the roofline time
        double roofline = 840 / 1008e9;
        assertEquals(roofline + 1e-6, new DigitalEnergyModel(GPU).latency(W).totalSeconds(), 1e-18);
        assertEquals(450 * (roofline + 1e-6), new DigitalEnergyModel(GPU).inference(W).total(), 1e-15);
    }

    @Test
    void lowerBoundIsFlopsAndBytesAtTheirEnergies() {
        EnergyBreakdown e = new DigitalEnergyModel(GPU).inferenceLowerBound(W);
        assertEquals(2010 * 0.4e-12, e.part(EnergyBreakdown.COMPUTE), 1e-24);
        assertEquals(840 * 58e-12, e.part(EnergyBreakdown.MEMORY), 1e-22);
        // doubling the DRAM energy per byte doubles the DRAM part only
        EnergyBreakdown twice = new DigitalEnergyModel(GPU.with("dramEnergyPerByte", 116)).inferenceLowerBound(W);
        assertEquals(2 * e.part(EnergyBreakdown.MEMORY), twice.part(EnergyBreakdown.MEMORY), 1e-22);
        assertEquals(e.part(EnergyBreakdown.COMPUTE), twice.part(EnergyBreakdown.COMPUTE), 0);
    }

    @Test
    void utilisationOutOfRangeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DigitalProcessor.rtx4090().with("utilisation", 1.5));
        assertTrue(e.getMessage().contains("utilisation 1.5"), e.getMessage());
    }

    @Test
    void analogueBeatsTheGpuOnThePaperNetworksAtNominalValues() {
        AnalogEnergyModel analog = new AnalogEnergyModel(AnalogMacro.taox40nm());
        DigitalEnergyModel gpu = new DigitalEnergyModel(DigitalProcessor.rtx4090());
        for (Workload w : PaperWorkloads.all()) {
            double reduction = analog.inference(w).reductionVersus(gpu.inference(w));
            assertTrue(reduction > 0 && reduction < 100, w.name() + ": " + reduction);
        }
    }
}
