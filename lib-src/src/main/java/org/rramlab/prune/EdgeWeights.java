package org.rramlab.prune;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.rramlab.crossbar.AnalogTile;

/**
 * The fixed values a layer's edges take when kept and when pruned, in the layer's own weight units, and where the
 * mask lives.
 *
 * <p>Edge pruning never changes a weight's value, only whether the edge is kept. On a resistive-memory array a kept
 * edge reads (formed cell − low cell) and a pruned one (low cell − low cell): a small residual, not zero, and a flip of
 * the mask is a SET or RESET of the edge's formed cell. A pure-software source returns exact zeros for pruned edges and
 * has no cells.
 *
 * <p>Implementations: {@link SoftwareEdgeWeights} (signed-constant or Gaussian, no device) and {@link TileEdges} (the
 * cells of a layer's {@link AnalogTile}, formed on a macro).
 */
public interface EdgeWeights {

    /** Shape of the weight tensor these edges form, e.g. {@code [out, in]} or {@code [out, in, kh, kw]}. */
    long[] shape();

    /**
     * The read training multiplies with: fills both arrays (one value per edge, the tensor's C order) with the weight
     * each edge has kept and pruned. {@code read} numbers the read: 0 is the one read of a whole run; a source with
     * {@link #freshTrainingReads()} is asked for 1, 2, ... each step.
     */
    void trainingRead(long read, float[] whenKept, float[] whenPruned);

    /** Changes whenever the settings a training read depends on change (a tile's chain reconfigured). */
    default long readVersion() {
        return 0;
    }

    /** Counts a new training read on the cells (re-reads of the same read are not counted). */
    default void countTrainingRead() {
    }

    /** Whether training draws a new read every step (a tile configured for {@code FRESH_PER_STEP}). */
    default boolean freshTrainingReads() {
        return false;
    }

    /**
     * An evaluation read of the edges in their present states ({@code kept[i]}) into {@code into} (the tensor's shape):
     * a source with read noise draws afresh on every call, one per test batch.
     */
    void evaluationRead(INDArray into, boolean[] kept);

    /** True when evaluation reads differ from call to call (cycle-to-cycle read noise). */
    boolean isNoisy();

    /** Whether the source has cells (then evaluation always reads them: chain settings may change after training). */
    default boolean onCells() {
        return tile() != null;
    }

    /** The initial prune from an all-kept array: {@code kept[i]} false edges are pruned (not a programming operation). */
    default void prepare(boolean[] kept) {
    }

    /** Mask flips: the first {@code count} edges of {@code edges} now have the state {@code kept[edge]} (SET or RESET). */
    default void flip(int[] edges, int count, boolean[] kept) {
    }

    /** Whether a flip changes the values an edge takes (a SET that draws a new conductance): then re-read flipped edges. */
    default boolean flipsChangeValues() {
        return false;
    }

    /** The training read of the listed edges only (after {@link #flip} when {@link #flipsChangeValues()}). */
    default void trainingRead(long read, int[] edges, int count, float[] whenKept, float[] whenPruned) {
    }

    /** The tile the edges live on, or null for software weights. */
    default AnalogTile tile() {
        return null;
    }

    /**
     * What a checkpoint must keep besides the mask so that a resumed run reads and switches exactly as an
     * uninterrupted one (the read-noise generator's state, counters); empty for a noise-free software source.
     */
    default long[] saveState() {
        return new long[0];
    }

    /** The cells' states and conductances, for checkpoints (empty when there are no cells). */
    default byte[] saveCells() {
        return new byte[0];
    }

    /** Puts back what {@link #saveState()} and {@link #saveCells()} returned. */
    default void restore(long[] state, byte[] cells) {
    }
}
