package org.rramlab.crossbar;

/**
 * One rectangular piece of a layer on one array. Weights {@code W[outOffset .. outOffset+cols)[inOffset ..
 * inOffset+rows)} sit, transposed (inputs on rows, outputs on columns), on cells
 * {@code [rowOffset .. rowOffset+rows) x [colOffset .. colOffset+cols)} of array {@code array}.
 */
public record Tile(int array, int rowOffset, int colOffset, int rows, int cols, int inOffset, int outOffset) {

    /** Differential pairs (weights) this tile holds. */
    public long pairs() {
        return (long) rows * cols;
    }
}
