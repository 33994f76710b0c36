/**
 * The data sets the paper uses and what turns them into network inputs.
 *
 * <ul>
 *   <li>{@link org.rramlab.data.FashionMnist}: IDX files to {@link org.rramlab.data.LabelledImages}.</li>
 *   <li>{@code org.rramlab.data.audio}: the Free Spoken Digit Dataset, WAV reading, resampling, 23 × 20 log-mel
 *       features, the official and the random 70/30 splits.</li>
 *   <li>{@code org.rramlab.data.retina}: DRIVE reading, the synthetic fundus generator, the paper's preprocessing
 *       (grey, z-score, min–max, CLAHE, gamma), patches and full-image tiling.</li>
 *   <li>{@code org.rramlab.data.images}: image-classification folders ({@code train/}, {@code val/}, a folder per
 *       class; ImageNet-100's layout), streamed in decoded, augmented batches.</li>
 *   <li>{@link org.rramlab.data.Pictures}: the data as images for notebooks.</li>
 * </ul>
 * Every loader checks its files and reports problems as {@link org.rramlab.data.DataFileException} naming the file,
 * and records SHA-256 checksums of what it read (provenance). Where the data come from and under which terms:
 * {@code data/README.md}.
 *
 * <p>Imports no other rramlab package.
 */
package org.rramlab.data;
