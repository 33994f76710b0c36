/**
 * Edge pruning on fixed weights: learned scores, top-k masks, the straight-through gradient with sign(score)
 * ({@link org.rramlab.prune.PrunedWeights}), the hardware flip limit, the programming ledger of SET/RESET flips, and
 * where the fixed weights come from: software values ({@link org.rramlab.prune.SoftwareEdgeWeights}) or the cells of a
 * formed tile ({@link org.rramlab.prune.TileEdges}, where a flip is a pulse on the cell).
 *
 * <p>May import layers and crossbar (and what they import).
 */
package org.rramlab.prune;
