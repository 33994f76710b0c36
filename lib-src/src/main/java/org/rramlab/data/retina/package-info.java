/**
 * Retinal vessels: {@link org.rramlab.data.retina.DriveDataset} (the DRIVE layout, never shipped),
 * {@link org.rramlab.data.retina.SyntheticFundus} (seeded stand-in with exact truth),
 * {@link org.rramlab.data.retina.Preprocess} with {@link org.rramlab.data.retina.Clahe} (pixel-exact to the paper's
 * OpenCV chain), {@link org.rramlab.data.retina.Patches} (sampling, augmentation, full-image tiling) and
 * {@link org.rramlab.data.retina.PreparedRetina} (all of it in one call).
 */
package org.rramlab.data.retina;
