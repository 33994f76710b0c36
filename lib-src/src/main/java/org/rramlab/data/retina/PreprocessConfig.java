package org.rramlab.data.retina;

/**
 * The retina preprocessing chain's parameters.
 *
 * @param clipLimit CLAHE contrast limit (OpenCV convention)
 * @param tilesX    CLAHE tiles across
 * @param tilesY    CLAHE tiles down
 * @param gamma     gamma of the final lookup table {@code 255 (v / 255)^(1 / gamma)}, as the paper's script applies it
 */
public record PreprocessConfig(double clipLimit, int tilesX, int tilesY, double gamma) {

    /** The paper's: CLAHE clip 2.0 on 8 × 8 tiles, gamma 1.2. */
    public static final PreprocessConfig PAPER = new PreprocessConfig(2.0, 8, 8, 1.2);

    public PreprocessConfig {
        if (!(clipLimit > 0) || !Double.isFinite(clipLimit)) {
            throw new IllegalArgumentException("PreprocessConfig.clipLimit = " + clipLimit + ", expected > 0");
        }
        if (tilesX < 1 || tilesY < 1) {
            throw new IllegalArgumentException("PreprocessConfig.tiles = " + tilesX + " x " + tilesY + ", expected >= 1");
        }
        if (!(gamma > 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("PreprocessConfig.gamma = " + gamma + ", expected > 0");
        }
    }
}
