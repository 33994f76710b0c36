package org.rramlab.data.retina;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticFundusTest {

    @Test
    void sameSeedSameImagesOtherSeedOtherImages() {
        List<FundusImage> a = SyntheticFundus.generate(2, 96, 7), b = SyntheticFundus.generate(2, 96, 7);
        List<FundusImage> c = SyntheticFundus.generate(2, 96, 8);
        assertArrayEquals(a.get(1).rgb()[1], b.get(1).rgb()[1]);
        assertArrayEquals(a.get(1).vessel(), b.get(1).vessel());
        assertFalse(java.util.Arrays.equals(a.get(1).vessel(), c.get(1).vessel()));
    }

    @Test
    void looksLikeAFundus() {
        for (FundusImage f : SyntheticFundus.generate(3, 200, 1)) {
            double fraction = f.vesselFraction();
            assertTrue(fraction > 0.03 && fraction < 0.25, f.name() + " vessel fraction " + fraction);
            double vesselGreen = 0, backgroundGreen = 0, outside = 0;
            int nv = 0, nb = 0, no = 0;
            for (int i = 0; i < f.fov().length; i++) {
                if (!f.fov()[i]) {
                    outside += f.rgb()[1][i];
                    no++;
                    assertFalse(f.vessel()[i], "vessel outside the field of view");
                } else if (f.vessel()[i]) {
                    vesselGreen += f.rgb()[1][i];
                    nv++;
                } else {
                    backgroundGreen += f.rgb()[1][i];
                    nb++;
                }
            }
            assertTrue(vesselGreen / nv < 0.9 * backgroundGreen / nb, "vessels darker in green");
            assertTrue(outside / no < 0.05, "black outside the aperture");
            double fovFraction = (nv + nb) / (double) f.fov().length;
            assertEquals(Math.PI * SyntheticFundus.FOV_RADIUS * SyntheticFundus.FOV_RADIUS, fovFraction, 0.02);
        }
    }

    @Test
    void driveShapedImages() {
        FundusImage f = SyntheticFundus.generate(1, 565, 584, 2).get(0);
        assertEquals(565, f.width());
        assertEquals(584, f.height());
        assertFalse(f.fov()[0]);
        assertTrue(f.fov()[292 * 565 + 282]);
        double fraction = f.vesselFraction();
        assertTrue(fraction > 0.03 && fraction < 0.25, "vessel fraction " + fraction);
    }

    @Test
    void badSizesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyntheticFundus.generate(1, 8, 1));
        assertTrue(e.getMessage().contains("size"));
    }
}
