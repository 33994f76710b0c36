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
}
