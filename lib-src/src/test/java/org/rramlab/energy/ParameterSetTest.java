package org.rramlab.energy;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ParameterSetTest {

    @Test
    void withChangesOneValueAndMarksItSetByUser() {
        AnalogMacro m = AnalogMacro.taox40nm();
        AnalogMacro changed = m.with("adcBits", 14);
        assertEquals(14, changed.adcBits().value());
        assertTrue(changed.adcBits().source().assumed());
        assertTrue(changed.adcBits().source().text().contains("set by user"));
        assertEquals(m.readVoltage(), changed.readVoltage());
        assertEquals(8, m.adcBits().value(), "the original is unchanged");
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AnalogMacro.taox40nm().with("adcBit", 14));
        assertTrue(e.getMessage().contains("'adcBit'") && e.getMessage().contains("adcBits"), e.getMessage());
    }

    @Test
    void everyParameterHasUnitAndSourceInTheTable() {
        for (ParameterSet<?> set : List.of(AnalogMacro.taox40nm(), AnalogMacro.testChipAsBuilt(),
                DevicePulses.taoxTypical(),
                DigitalProcessor.rtx4090(), DigitalProcessor.cpu2Core())) {
            Table t = set.table();
            assertEquals(set.parameters().size(), t.rowCount());
            for (Parameter p : set.parameters()) {
                assertFalse(p.unit().isBlank(), p.name());
                assertFalse(p.source().text().isBlank(), p.name());
                assertTrue(p.low() <= p.value() && p.value() <= p.high(), p.name());
            }
        }
    }

    @Test
    void mislabelledPresetIsRejected() {
        AnalogMacro m = AnalogMacro.taox40nm();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AnalogMacro(
                m.readPulse(), m.readPulse(), m.formedConductance(), m.offConductance(), m.meanInputSquare(),
                m.dacEnergyPerBit(), m.dacMinimumBits(), m.adcBits(), m.adcWaldenFom(), m.adcConversionTime(), m.columnsPerAdc(),
                m.arraySize(), m.arrays(), m.peripheryOpEnergy(), m.peripheryMacEnergy(), m.sramEnergyPerByte(),
                m.peripheryThroughput()));
        assertTrue(e.getMessage().contains("AnalogMacro.readVoltage"), e.getMessage());
    }

    @Test
    void negativeValueIsRejectedWithNameAndUnit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AnalogMacro.taox40nm().with("readPulse", -1));
        assertTrue(e.getMessage().contains("readPulse: value -1.0 ns"), e.getMessage());
    }

    @Test
    void changedFromListsOnlyTheChangedParameters() {
        AnalogMacro m = AnalogMacro.taox40nm().with("adcBits", 14).with("readPulse", 20);
        assertEquals(List.of("readPulse", "adcBits"),
                m.changedFrom(AnalogMacro.taox40nm()).stream().map(Parameter::name).toList());
        assertTrue(AnalogMacro.taox40nm().changedFrom(AnalogMacro.taox40nm()).isEmpty());
    }

    @Test
    void configurationsRoundTripThroughJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        AnalogMacro m = AnalogMacro.taox40nm().with("adcBits", 12);
        assertEquals(m, json.readValue(json.writeValueAsString(m), AnalogMacro.class));
        DigitalProcessor g = DigitalProcessor.rtx4090();
        assertEquals(g, json.readValue(json.writeValueAsString(g), DigitalProcessor.class));
        DevicePulses p = DevicePulses.taoxTypical();
        assertEquals(p, json.readValue(json.writeValueAsString(p), DevicePulses.class));
    }
}
