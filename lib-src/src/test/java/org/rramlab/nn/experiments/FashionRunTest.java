package org.rramlab.nn.experiments;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

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
}
