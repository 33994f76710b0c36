package org.rramlab.device;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class ConductanceTableTest {

    @Test
    void measuredTableReplacesTheModel(@TempDir Path dir) throws Exception {
        // 2000 cells, 20 reads each, 3 % relative read noise around N(14.25, 2.46)
        SplittableRandom r = new SplittableRandom(1);
        List<String> lines = new ArrayList<>();
        lines.add("read1,read2,...");
        for (int c = 0; c < 2000; c++) {
            double g = 14.25 + 2.46 * r.nextGaussian();
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < 20; k++) {
                sb.append(k == 0 ? "" : ",").append(g * (1 + 0.03 * r.nextGaussian()));
            }
            lines.add(sb.toString());
        }
        Path csv = dir.resolve("reads.csv");
        Files.write(csv, lines);
        ConductanceTable t = ConductanceTable.load(csv);
        assertEquals(2000, t.cells());
        assertEquals(20, t.readsPerCell());
        assertEquals(14.25, t.formedDistribution().drawMeanUs(), 0.15);
        assertEquals(2.46, t.formedDistribution().drawStdUs(), 0.1);
        assertEquals(0.03, t.readNoise().relative(), 0.003);
        assertTrue(t.readNoise().additiveUs() < 0.1);
        DeviceModel measured = DeviceModel.taox40nm().withMeasured(t);
        assertEquals(measured, DeviceModel.fromJson(measured.toJson()), "an empirical device round-trips too");
    }

    @Test
    void wrongRowLengthNamesTheLine() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ConductanceTable.parse("cells.csv", List.of("1.0,2.0,3.0", "1.5,2.5")));
        assertTrue(e.getMessage().contains("cells.csv line 2") && e.getMessage().contains("row length 2")
                && e.getMessage().contains("expected 3"), e.getMessage());
    }

    @Test
    void negativeOrNaNOrTextConductanceNamesLineAndColumn() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ConductanceTable.parse("cells.csv", List.of("1.0,2.0", "1.0,-3.5")));
        assertTrue(e.getMessage().contains("line 2 column 2 = -3.5 uS"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConductanceTable.parse("cells.csv", List.of("NaN,1")));
        assertTrue(e.getMessage().contains("line 1 column 1 = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConductanceTable.parse("x.csv", List.of("1,2", "1,abc")));
        assertTrue(e.getMessage().contains("'abc' is not a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConductanceTable.parse("empty.csv", List.of("# nothing")));
        assertTrue(e.getMessage().contains("empty.csv: no rows"), e.getMessage());
    }
}
