/**
 * Scores of predictions: {@link org.rramlab.metrics.RocAuc}, {@link org.rramlab.metrics.PrAuc} (trapezoid, as the
 * paper), {@link org.rramlab.metrics.BinaryCounts} (F1, accuracy at a threshold),
 * {@link org.rramlab.metrics.SegmentationScores} (vessel maps on patch pixels or inside the field of view) and
 * {@link org.rramlab.metrics.ConfusionMatrix} (classification).
 *
 * <p>Imports no other rramlab package.
 */
package org.rramlab.metrics;
