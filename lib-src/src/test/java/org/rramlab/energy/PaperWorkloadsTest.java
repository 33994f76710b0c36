package org.rramlab.energy;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class PaperWorkloadsTest {

    @Test
    void weightCountsMatchThePublishedNetworks() {
        assertEquals(62_272, PaperWorkloads.fashionCnn().weights());
        assertEquals(68_480, PaperWorkloads.spokenDigitCrnn().weights());
        // ~4.3 M: 3x3 double convs 32-64-128-256-256 down, 128-64-32-32 up, 1x1 to 2 classes
        assertEquals(4_313_440, PaperWorkloads.unet().weights());
    }

    @Test
    void fashionCnnMacsAreOneMvmPerOutputPixel() {
        // conv1 12x12 px x 9 x 64 + conv2 10x10 px x 576 x 16 + fc 400x128 + fc 128x10
        assertEquals(144L * 9 * 64 + 100L * 576 * 16 + 400 * 128 + 128 * 10, PaperWorkloads.fashionCnn().macs());
    }

    @Test
    void unetMacsScaleWithPatchArea() {
        assertEquals(4.0, (double) PaperWorkloads.unet(96).macs() / PaperWorkloads.unet(48).macs(), 1e-12);
        assertEquals(PaperWorkloads.unet(48).weights(), PaperWorkloads.unet(96).weights());
    }

    @Test
    void unetNeedsMoreThanOneArray() {
        assertTrue(PaperWorkloads.unet().arraysNeeded(512) > 1);
        // conv1 9x64 fits one array; conv2 576 rows need 2 row tiles; fc1 400x(2x128) one; fc2 one
        assertEquals(1 + 2 + 1 + 1, PaperWorkloads.fashionCnn().arraysNeeded(512));
    }

    @Test
    void badPatchIsRejectedWithItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PaperWorkloads.unet(50));
        assertTrue(e.getMessage().contains("patch: 50"), e.getMessage());
    }

    @Test
    void layerValidationNamesTheLayerAndField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerWork.dense("fc", 10, 10, 1, 4).withKeepFraction(1.5));
        assertTrue(e.getMessage().contains("layer fc") && e.getMessage().contains("keepFraction 1.5"), e.getMessage());
    }
}
