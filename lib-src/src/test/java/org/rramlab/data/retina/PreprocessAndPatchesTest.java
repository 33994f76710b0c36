package org.rramlab.data.retina;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PreprocessAndPatchesTest {

    static final List<FundusImage> IMAGES = SyntheticFundus.generate(2, 96, 3);

    @Test
    void preprocessedImagesAreInUnitRangeAndVesselsStayDark() {
        List<float[]> pre = Preprocess.all(IMAGES);
        for (int k = 0; k < IMAGES.size(); k++) {
            float[] p = pre.get(k);
            FundusImage f = IMAGES.get(k);
            double vessel = 0, background = 0;
            int nv = 0, nb = 0;
            for (int i = 0; i < p.length; i++) {
                assertTrue(p[i] >= 0 && p[i] <= 1);
                if (f.fov()[i] && f.vessel()[i]) {
                    vessel += p[i];
                    nv++;
                } else if (f.fov()[i]) {
                    background += p[i];
                    nb++;
                }
            }
            assertTrue(vessel / nv < background / nb - 0.05, "vessels darker than background after preprocessing");
        }
    }

    /** The whole chain against the paper's (OpenCV + numpy) on an 80x80 image: preprocess-opencv.txt. */
    @Test
    void matchesTheOpenCvChainPixelForPixel() throws Exception {
        List<String> lines = new ArrayList<>();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                getClass().getResourceAsStream("preprocess-opencv.txt"), java.nio.charset.StandardCharsets.US_ASCII))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.startsWith("#")) {
                    lines.add(line);
                }
            }
        }
        String[] size = lines.get(0).split(" ");
        int w = Integer.parseInt(size[0]), h = Integer.parseInt(size[1]);
        float[][] rgb = new float[3][];
        for (int c = 0; c < 3; c++) {
            String[] v = lines.get(1 + c).split(" ");
            rgb[c] = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                rgb[c][i] = Integer.parseInt(v[i]) / 255f;
            }
        }
        String[] expected = lines.get(4).split(" ");
        FundusImage image = new FundusImage("reference", w, h, rgb, null, new boolean[w * h]);
        float[] out = Preprocess.all(List.of(image)).get(0);
        int differ = 0;
        for (int i = 0; i < out.length; i++) {
            differ += Math.round(out[i] * 255) != Integer.parseInt(expected[i]) ? 1 : 0;
        }
        assertEquals(0, differ, "pixels differing from the OpenCV chain");
    }

    @Test
    void zScoreCancelsUnderThePerImageMinMax() {
        // statistics fitted on a different set give the same output: the z-score is affine, min-max removes it
        Preprocess own = Preprocess.fit(IMAGES, PreprocessConfig.PAPER);
        Preprocess other = Preprocess.fit(SyntheticFundus.generate(1, 96, 99), PreprocessConfig.PAPER);
        assertNotEquals(own.mean(), other.mean());
        float[] a = own.apply(IMAGES.get(0)), b = other.apply(IMAGES.get(0));
        int differ = 0;
        for (int i = 0; i < a.length; i++) {
            differ += a[i] != b[i] ? 1 : 0;
        }
        assertTrue(differ < a.length / 1000, differ + " pixels differ (floating-point ties at the 8-bit cast only)");
    }

    @Test
    void gammaTableBrightensAsTheScriptDoes() {
        // 255 * (128 / 255)^(1 / 1.2) = 143.7 -> 143 after the uint8 cast; checked through a flat image's CLAHE-free path
        assertEquals(143, (int) (Math.pow(128 / 255.0, 1 / 1.2) * 255));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PreprocessConfig(2, 8, 8, 0));
        assertTrue(e.getMessage().contains("gamma"));
    }

    @Test
    void patchesAreCentredInTheFieldOfViewAndCarryTheirTruth() {
        List<float[]> pre = Preprocess.all(IMAGES);
        PatchBatch a = Patches.sample(pre, IMAGES, 50, 32, 11), b = Patches.sample(pre, IMAGES, 50, 32, 11);
        assertArrayEquals(new long[] {50, 1, 32, 32}, a.images().shape());
        assertEquals(a.images(), b.images());
        double vessels = a.truth().sumNumber().doubleValue();
        assertTrue(vessels > 0 && vessels < 50 * 32 * 32, "patches hold vessels and background");
        // the centre pixel of every patch is inside the FOV: find each patch's location by exact match
        for (int k = 0; k < 5; k++) {
            float centre = a.images().getFloat(k, 0, 16, 16);
            assertTrue(centre >= 0 && centre <= 1);
        }
        FundusImage f = IMAGES.get(0);
        for (int c : Patches.validCentres(f, 32)) {
            assertTrue(f.fov()[c]);
            int x = c % f.width(), y = c / f.width();
            assertTrue(x >= 16 && y >= 16 && x + 16 <= f.width() && y + 16 <= f.height());
        }
    }

    @Test
    void preparedSetHasPatchesFromBothSplits() {
        PreparedRetina p = PreparedRetina.of(SyntheticFundus.set(2, 1, 96, 4), 30, 10, 32, 1);
        assertEquals(2, p.training().size());
        assertEquals(30, p.trainPatches().size());
        assertEquals(10, p.testPatches().size());
        assertTrue(p.set().synthetic() && p.set().source().contains("synthetic"));
    }

    @Test
    void augmentationKeepsImageAndTruthAligned() {
        // a patch whose truth equals its image: any crop, flip or rotation must keep them equal
        float[] values = new float[20 * 64];
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        INDArray x = Nd4j.create(values, new long[] {20, 1, 8, 8}, 'c');
        PatchBatch out = Patches.augment(new PatchBatch(x, x.dup()), 6, 3);
        assertArrayEquals(new long[] {20, 1, 6, 6}, out.images().shape());
        assertEquals(out.images(), out.truth());
        // and the values are a permutation-of-a-window: each output patch's values exist in its source patch
        float[] src = x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).dup().data().asFloat();
        float[] dst = out.images().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).dup().data().asFloat();
        List<Float> pool = new ArrayList<>();
        for (float v : src) {
            pool.add(v);
        }
        for (float v : dst) {
            assertTrue(pool.contains(v));
        }
        // a known case: rotation/flip of a 2x2 ramp preserves the multiset {0,1,2,3} and the diagonal sums
        INDArray ramp = Nd4j.createFromArray(new float[] {0, 1, 2, 3}).reshape(1, 1, 2, 2);
        float[] r = Patches.augment(new PatchBatch(ramp, ramp.dup()), 2, 9).images().data().asFloat();
        assertEquals(3f, r[0] + r[3]);
        assertEquals(3f, r[1] + r[2]);
    }

    @Test
    void fullImageInferenceBlendsOverlappingTiles() {
        int w = 10, h = 7;
        float[] img = new float[w * h];
        for (int i = 0; i < img.length; i++) {
            img[i] = i / 100f;
        }
        float[] same = Patches.predictFull(img, w, h, 4, 2, 3, batch -> batch.dup());
        assertArrayEquals(img, same, 1e-6f);
        // every tile predicts 1 on its left half and 0 on its right: the blended value per pixel is computable by hand
        float[] halves = Patches.predictFull(img, w, h, 4, 2, 5, batch -> {
            INDArray out = Nd4j.zerosLike(batch);
            out.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2))
                    .assign(1);
            return out;
        });
        // x starts: 0, 2, 4, 6. Column 0: one tile, left half -> 1. Column 9: only the tile at 6, right half -> 0.
        // Column 2: the tile at 0 (its position 2, value 0, weight sin²(5π/8)) and the tile at 2 (position 0, value 1,
        // weight sin²(π/8)); both share the rows' weights, which cancel.
        double edge = Math.pow(Math.sin(Math.PI / 8), 2), inner = Math.pow(Math.sin(5 * Math.PI / 8), 2);
        assertEquals(1f, halves[3 * w + 0], 1e-6);
        assertEquals(edge / (edge + inner), halves[3 * w + 2], 1e-6);
        assertEquals(0f, halves[3 * w + 9], 1e-6);
        assertArrayEquals(new int[] {0, 2, 3}, Patches.starts(7, 4, 2));
        // an image smaller than a tile is zero-padded
        assertArrayEquals(new float[] {1, 2}, Patches.predictFull(new float[] {1, 2}, 2, 1, 4, 4, 1, t -> t), 1e-6f);
        assertThrows(IllegalArgumentException.class,
                () -> Patches.predictFull(img, w, h, 4, 2, 3, t -> Nd4j.zeros(1)));
    }

    @Test
    void blendWeightsOfTilesHalfATileApartAddUpToOne() {
        double[] h = Patches.blendWeights(16);
        for (int i = 0; i < 8; i++) {
            assertEquals(1.0, h[i] + h[i + 8], 1e-12, "position " + i);
            assertTrue(h[i] > 0, "every covered pixel keeps some weight");
        }
        assertEquals(1.0, Patches.blendWeights(1)[0], 1e-12);
    }

    /**
     * A predictor whose output depends on where a pixel lies in its tile (a ramp 0 → 1 across each tile, as a network
     * that predicts worse towards a tile's border): a plain mean of the windows jumps wherever a window starts or
     * ends (the seams on the tile grid); the blended map changes by little more than the ramp's own slope anywhere.
     */
    @Test
    void fullImageInferenceHasNoSeamsAtTileBorders() {
        int w = 70, h = 50, tile = 16;
        float[] img = new float[w * h];
        java.util.function.UnaryOperator<INDArray> ramp = batch -> {
            INDArray out = Nd4j.zerosLike(batch);
            for (int c = 0; c < tile; c++) {
                out.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(c))
                        .assign(c / (double) (tile - 1));
            }
            return out;
        };
        float[] map = Patches.predictFull(img, w, h, tile, tile / 2, 7, ramp);
        double slope = 1.0 / (tile - 1), largest = 0;
        for (int r = 0; r < h; r++) {
            for (int c = 1; c < w; c++) {
                largest = Math.max(largest, Math.abs(map[r * w + c] - map[r * w + c - 1]));
            }
            for (int c = 0; c < w; c++) {
                if (r > 0) assertEquals(map[(r - 1) * w + c], map[r * w + c], 1e-6, "the ramp runs along x only");
            }
        }
        // the plain mean of the same ramp steps by 0.47 (half the ramp, less a slope) where a window starts or ends
        assertTrue(largest < 2 * slope, "largest step between neighbours " + largest + "; the ramp's own slope is " + slope);

        // a constant predictor gives the constant, and a perfect one scores perfectly inside the FOV
        float[] constant = Patches.predictFull(img, w, h, tile, tile / 2, 7, batch -> Nd4j.zerosLike(batch).addi(0.3));
        for (float v : constant) assertEquals(0.3f, v, 1e-6f);
        FundusImage f = IMAGES.get(0);
        float[] truth = new float[f.width() * f.height()];
        for (int i = 0; i < truth.length; i++) truth[i] = f.vessel()[i] ? 1f : 0f;
        float[] perfect = Patches.predictFull(truth, f.width(), f.height(), tile, tile / 2, 16, INDArray::dup);
        assertArrayEquals(truth, perfect, 1e-6f);
        org.rramlab.metrics.SegmentationScores scores = org.rramlab.metrics.SegmentationScores.of(perfect, f.vessel(), f.fov());
        assertEquals(1.0, scores.rocAuc(), 1e-12);
        assertEquals(1.0, scores.f1(), 1e-12);
    }
}
