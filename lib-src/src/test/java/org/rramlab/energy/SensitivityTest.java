package org.rramlab.energy;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class SensitivityTest {

    private final AnalogMacro macro = AnalogMacro.taox40nm();
    private final DigitalProcessor gpu = DigitalProcessor.rtx4090();

    @Test
    void onlyTheParameterThatChangesSignFlips() {
        // a made-up reduction: positive below 12 ADC bits, negative above
        List<Sensitivity.Row> rows = Sensitivity.sweep(macro, gpu, (m, p) -> 60 - 5 * m.adcBits().value());
        assertEquals(List.of("analogue.adcBits"), Sensitivity.flipping(rows));
        Sensitivity.Row adc = rows.stream().filter(r -> r.parameter().equals("adcBits")).findFirst().orElseThrow();
        assertEquals(60 - 5 * 6, adc.reductionAtLow(), 1e-12);
        assertEquals(60 - 5 * 14, adc.reductionAtHigh(), 1e-12);
    }

    @Test
    void everyUncertainParameterIsSweptAndKnownOnesAreNot() {
        List<Sensitivity.Row> rows = Sensitivity.inference(macro, gpu, PaperWorkloads.fashionCnn());
        long uncertain = macro.parameters().stream().filter(Parameter::isUncertain).count()
                + gpu.parameters().stream().filter(Parameter::isUncertain).count();
        assertEquals(uncertain, rows.size());
        assertTrue(rows.stream().noneMatch(r -> r.parameter().equals("arraySize")));
        assertEquals(rows.size(), Sensitivity.table("t", rows).rowCount());
    }

    @Test
    void worstCornerIsNoBetterThanAnySingleEnd() {
        Workload w = PaperWorkloads.fashionCnn();
        List<Sensitivity.Row> rows = Sensitivity.inference(macro, gpu, w);
        double worst = Sensitivity.worstCase(macro, gpu, rows, Sensitivity.inferenceReduction(w));
        for (Sensitivity.Row r : rows) {
            assertTrue(worst <= Math.min(r.reductionAtLow(), r.reductionAtHigh()) + 1e-9, r.parameter());
        }
    }

    /** docs/energy-model.md states these conclusions for the default parameters: change both together. */
    @Test
    void conclusionsStatedInTheDocsHoldForTheDefaults() {
        AnalogMacro asBuilt = AnalogMacro.testChipAsBuilt();
        DigitalEnergyModel digital = new DigitalEnergyModel(gpu);
        double[] paper = {78.3, 67.9, 99.7};
        List<Workload> tasks = PaperWorkloads.all();
        for (int i = 0; i < tasks.size(); i++) {
            Workload w = tasks.get(i);
            assertTrue(Sensitivity.flipping(Sensitivity.inference(macro, gpu, w)).isEmpty(), w.name());
            double optimistic = new AnalogEnergyModel(macro).inference(w).reductionVersus(digital.inference(w));
            double pessimistic = new AnalogEnergyModel(asBuilt).inference(w)
                    .reductionVersus(digital.inferenceLowerBound(w));
            assertTrue(pessimistic < paper[i] && paper[i] < optimistic, w.name() + ": paper between the readings");
            assertTrue(new AnalogEnergyModel(asBuilt).inference(w).reductionVersus(digital.inference(w)) > 0,
                    w.name() + ": the test chip still beats the GPU board energy");
        }
        assertEquals(List.of("analogue.adcBits"),
                Sensitivity.flipping(Sensitivity.inferenceVersusLowerBound(macro, gpu, tasks.get(1))));
        assertTrue(new AnalogEnergyModel(asBuilt).inference(tasks.get(0))
                .reductionVersus(digital.inferenceLowerBound(tasks.get(0))) < 0);
        assertTrue(new AnalogEnergyModel(asBuilt).inference(tasks.get(2))
                .reductionVersus(digital.inferenceLowerBound(tasks.get(2))) > 0);
    }
}
