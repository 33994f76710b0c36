package org.rramlab.data.retina;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClaheTest {

    private static int[] ints(String line) {
        return Arrays.stream(line.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    /** Pixel-exact against OpenCV 4.6 (clahe-opencv.txt, generated once with cv2.createCLAHE), padded tiles included. */
    @Test
    void matchesOpenCv() throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("clahe-opencv.txt"), StandardCharsets.US_ASCII))) {
            int cases = 0;
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.startsWith("case")) {
                    continue;
                }
                String[] p = line.split(" ");
                int w = Integer.parseInt(p[1]), h = Integer.parseInt(p[2]);
                double clip = Double.parseDouble(p[3]);
                int tx = Integer.parseInt(p[4]), ty = Integer.parseInt(p[5]);
                int[] input = ints(in.readLine()), expected = ints(in.readLine());
                int[] actual = Clahe.apply(input, w, h, clip, tx, ty);
                assertArrayEquals(expected, actual, line + ": differs from OpenCV");
                cases++;
            }
            assertEquals(4, cases);
        }
    }

    @Test
    void handComputedClipAndRedistribution() {
        // 16 pixels in one tile: eight 0s, eight 255s. Clip = max(1, floor(2 * 16 / 256)) = 1, so 14 counts are cut,
        // none spread evenly (14 / 256 = 0), one each to bins 0, 18, ..., 234 (stride 256 / 14 = 18).
        // Bin 0 then holds 2 of 16: LUT(0) = round(2 * 255 / 16) = 32; LUT(255) = 255.
        int[] img = new int[16];
        Arrays.fill(img, 8, 16, 255);
        int[] out = Clahe.apply(img, 4, 4, 2.0, 1, 1);
        for (int i = 0; i < 16; i++) {
            assertEquals(i < 8 ? 32 : 255, out[i], "pixel " + i);
        }
    }

    @Test
    void withoutClippingOneTileIsHistogramEqualisation() {
        int[] img = {10, 10, 20, 30};
        // cumulative 2, 3, 4 of 4 -> round(255 * c / 4)
        assertArrayEquals(new int[] {128, 128, 191, 255}, Clahe.apply(img, 2, 2, 0, 1, 1));
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Clahe.apply(new int[] {0, 300}, 2, 1, 2, 1, 1));
        assertTrue(e.getMessage().contains("pixel 1 is 300"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Clahe.apply(new int[3], 2, 2, 2, 1, 1));
    }
}
