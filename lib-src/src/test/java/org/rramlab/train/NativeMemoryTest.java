package org.rramlab.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NativeMemoryTest {

    @Test void readsKilobyteFieldsOfProcStatus() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 9000 kB", "VmHWM:\t    2048 kB", "VmRSS:\t  1024 kB");
        assertEquals(2048L * 1024, NativeMemory.statusBytes(status, "VmHWM"));
        assertEquals(1024L * 1024, NativeMemory.statusBytes(status, "VmRSS"));
        var missing = assertThrows(IllegalArgumentException.class, () -> NativeMemory.statusBytes(status, "VmSwap"));
        assertTrue(missing.getMessage().contains("VmSwap"), missing.getMessage());
        var odd = assertThrows(IllegalArgumentException.class, () -> NativeMemory.statusBytes(List.of("VmHWM: lots"), "VmHWM"));
        assertTrue(odd.getMessage().contains("lots"), odd.getMessage());
    }

    @Test void peakCoversANativeArrayJustTouched() {
        if (NativeMemory.peakResidentBytes() < 0) return;   // no /proc (not Linux): nothing to measure
        long before = NativeMemory.residentBytes();
        INDArray big = Nd4j.create(DataType.FLOAT, 64L << 20);   // 256 MB, zero-filled: every page touched
        big.addi(1);
        long peak = NativeMemory.peakResidentBytes();
        assertTrue(peak >= before + (200L << 20), "peak " + peak + " after touching 256 MB from " + before);
        assertTrue(peak >= NativeMemory.residentBytes(), "the high-water mark is never below the current size");
        big.close();
    }
}
