package org.rramlab.data.retina;

/**
 * One colour fundus photograph with its vessel annotation and field-of-view mask, pixels row-major
 * ({@code index = y * width + x}).
 *
 * @param name    identifier, e.g. {@code 21_training} for DRIVE or {@code synthetic_03}
 * @param width   pixels per row
 * @param height  rows
 * @param rgb     {@code [3][width * height]}: red, green, blue in [0, 1]
 * @param vessel  ground truth, true on vessel pixels; null when the data set has no annotation for this image
 * @param fov     field of view: true inside the camera's circular aperture
 */
public record FundusImage(String name, int width, int height, float[][] rgb, boolean[] vessel, boolean[] fov) {

    public FundusImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(name + ": size must be positive, got " + width + "x" + height);
        }
        int n = width * height;
        if (rgb == null || rgb.length != 3 || rgb[0].length != n || rgb[1].length != n || rgb[2].length != n) {
            throw new IllegalArgumentException(name + ": rgb must be [3][" + n + "] for " + width + "x" + height);
        }
        if (vessel != null && vessel.length != n) {
            throw new IllegalArgumentException(name + ": vessel has " + vessel.length + " pixels, expected " + n);
        }
        if (fov == null || fov.length != n) {
            throw new IllegalArgumentException(name + ": fov must have " + n + " pixels, got "
                    + (fov == null ? "null" : fov.length));
        }
    }

    public boolean hasAnnotation() {
        return vessel != null;
    }

    /** Fraction of field-of-view pixels that are vessel (about 0.12 on DRIVE). */
    public double vesselFraction() {
        if (vessel == null) {
            return Double.NaN;
        }
        long in = 0, v = 0;
        for (int i = 0; i < fov.length; i++) {
            if (fov[i]) {
                in++;
                v += vessel[i] ? 1 : 0;
            }
        }
        return in == 0 ? 0 : v / (double) in;
    }
}
