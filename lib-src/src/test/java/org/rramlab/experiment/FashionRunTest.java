package org.rramlab.experiment;

import static org.junit.jupiter.api.Assertions.*;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rramlab.data.FashionMnist;

class FashionRunTest {
    @Test void unknownPartIsRejectedBeforeAnyWork() {
        var e = assertThrows(IllegalArgumentException.class, () -> FashionRun.main(new String[] {"ci", "target/never-written", "1", "pruned,devcie"}));
        assertTrue(e.getMessage().contains("argument 4") && e.getMessage().contains("devcie") && e.getMessage().contains("device")
                && e.getMessage().contains("mlp-float"), e.getMessage());
        assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of("target/never-written")), "nothing written");
    }

    @Test void unknownProfileNamesTheArgument() {
        var e = assertThrows(IllegalArgumentException.class, () -> FashionRun.main(new String[] {"fast"}));
        assertTrue(e.getMessage().contains("argument 1"), e.getMessage());
    }

    /** The headless run end to end on the real data (ci sizes, one epoch): metrics, provenance with the recipe and checksums. */
    @Test void limitedAndMlpFloatPartsWriteMetricsAndProvenance(@TempDir Path out) throws Exception {
        Path dir;
        try {
            dir = FashionMnist.locate();
        } catch (RuntimeException e) {
            dir = null;
        }
        assumeTrue(dir != null, "Fashion-MNIST not installed here");
        FashionRun.main(new String[] {"ci", out.toString(), "1", "limited,mlp-float"});
        for (String name : new String[] {"pruned-fliplimit", "mlp-float"}) {
            assertEquals(2, Files.readAllLines(out.resolve(name + "-metrics.csv")).size(), name + ": header and one epoch");
        }
        String limited = Files.readString(out.resolve("pruned-fliplimit-provenance.json"));
        assertTrue(limited.contains("\"start\" : 0.01") && limited.contains("t10k-labels-idx1-ubyte"), limited);
        String mlp = Files.readString(out.resolve("mlp-float-provenance.json"));
        assertTrue(mlp.contains("\"optimizer\" : \"ADAM\"") && mlp.contains("\"batchSize\" : 128") && mlp.contains("\"horizontalFlip\" : true"), mlp);
        assertTrue(Files.exists(out.resolve("mlp-float.ckpt")), "checkpoint kept for a resume");
    }
}
