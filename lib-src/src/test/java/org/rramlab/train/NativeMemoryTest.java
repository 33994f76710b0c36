package org.rramlab.train;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @Test void readsNumberedFieldsOfProcStat() {
        // the command name may hold spaces and parentheses: fields count from its last closing parenthesis
        String stat = "4242 (my (odd) java) S 1 4242 4242 0 -1 4194560 777 0 3 0 120 30";
        assertEquals(777, NativeMemory.statField(stat, 10));   // minflt
        assertEquals(120, NativeMemory.statField(stat, 14));   // utime
        var bad = assertThrows(IllegalArgumentException.class, () -> NativeMemory.statField("no name here", 10));
        assertTrue(bad.getMessage().contains("pid (name)"), bad.getMessage());
        var shortLine = assertThrows(IllegalArgumentException.class, () -> NativeMemory.statField("1 (x) S 2", 10));
        assertTrue(shortLine.getMessage().contains("at least 10"), shortLine.getMessage());
    }

    @Test void touchingFreshNativeMemoryCountsPageFaults() {
        if (NativeMemory.minorFaults() < 0) return;   // no /proc (not Linux)
        long before = NativeMemory.minorFaults();
        INDArray big = Nd4j.create(DataType.FLOAT, 64L << 20);   // 256 MB: even in 2 MB huge pages, 128 first touches
        big.addi(1);
        long faults = NativeMemory.minorFaults() - before;
        big.close();
        assertTrue(faults >= 100, "touching 256 MB of fresh memory counted " + faults + " minor faults");
    }

    /**
     * The allocator is read from what the process has loaded: a child JVM names glibc's malloc, and jemalloc when
     * it is preloaded (./lab's set-up installs it on Debian; where it is not installed only the first half runs).
     */
    @Test void namesTheAllocatorTheProcessLoaded() throws Exception {
        if (!Files.isReadable(Path.of("/proc/self/maps"))) return;   // not Linux
        assertEquals("glibc malloc", allocatorOfChild(null));
        Path jemalloc = installedJemalloc();
        if (jemalloc != null) assertEquals("jemalloc", allocatorOfChild(jemalloc));
    }

    private static Path installedJemalloc() throws IOException {
        for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")) {
            Path p = Path.of(dir, "libjemalloc.so.2");
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    private static String allocatorOfChild(Path preload) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), AllocatorProbe.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("MALLOC_CONF");
        if (preload == null) env.remove("LD_PRELOAD"); else env.put("LD_PRELOAD", preload.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), "the probe JVM failed: " + out);
        String[] lines = out.split("\\R");
        return lines[lines.length - 1];
    }

    /** Prints what {@link NativeMemory#allocator()} finds in this (child) process. */
    public static final class AllocatorProbe {
        public static void main(String[] args) { System.out.println(NativeMemory.allocator()); }
    }
}
